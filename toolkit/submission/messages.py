"""Messages of the teacher's assignment pages (submit panel, assignment board)."""

from toolkit.i18n import add_messages

add_messages(
    {
        "submission.title.self_test": {"zh": "自测诊断", "en": "Self-test diagnosis"},
        "submission.title.personal_plan": {"zh": "个人研修计划", "en": "Personal research plan"},
        "submission.title.task": {"zh": "{point} · 能力点证据", "en": "{point} · point evidence"},
        "submission.title.school_plan": {"zh": "整校推进方案", "en": "Whole-school plan"},
        "submission.title.group_plan": {"zh": "学科校本教研活动方案", "en": "Group research activity plan"},
        "submission.title.typical_case": {"zh": "教研组典型案例", "en": "The group's typical case"},
        "submission.title.demo_case": {"zh": "教学示范案例", "en": "Demonstration teaching case"},
        "submission.title.multi_point_case": {"zh": "“一课多点”课例", "en": "One lesson, several points"},
        "submission.heading": {"zh": "检查与提交", "en": "Check and submit"},
        "submission.check": {"zh": "提交前检查", "en": "Check before submitting"},
        "submission.submit": {"zh": "提交作业", "en": "Submit"},
        "submission.feedback": {"zh": "查看反馈", "en": "See feedback"},
        "submission.all_done": {
            "zh": "检查完毕：各项都已完成，可以提交。",
            "en": "Checked: everything is done; ready to submit.",
        },
        "submission.missing": {"zh": "还有 {count} 项未完成：", "en": "{count} still to do:"},
        "submission.missing_more": {"zh": "……另有 {count} 项", "en": "… and {count} more"},
        "submission.confirm_missing": {
            "zh": "仍有 {count} 项未完成。确定现在提交吗？提交后还可以修改并再次提交，以最后一次为准。",
            "en": "{count} still to do. Submit anyway? You can change and resubmit later; the last submission counts.",
        },
        "submission.confirm_yes": {"zh": "仍然提交", "en": "Submit anyway"},
        "submission.confirm_no": {"zh": "先不提交", "en": "Not yet"},
        "submission.submitting": {"zh": "正在提交……", "en": "Submitting…"},
        "submission.submitted": {
            "zh": "已提交（{when}）。可以继续修改并再次提交，以最后一次为准。",
            "en": "Submitted ({when}, local time). You may change and resubmit; the last one counts.",
        },
        "submission.last": {"zh": "最近一次提交：{when}", "en": "Last submitted: {when}"},
        "submission.never": {"zh": "尚未提交。", "en": "Not submitted yet."},
        "submission.failed": {
            "zh": "提交没有成功：{reason}。请稍后再试，或联系坊主。",
            "en": "The submission failed: {reason}. Try again later or ask your trainer.",
        },
        "submission.no_feedback": {
            "zh": "还没有反馈。坊主评阅并发回后，这里会出现反馈链接。",
            "en": "No feedback yet. It appears here once your trainer returns it.",
        },
        "submission.feedback_link": {
            "zh": "打开反馈（{when} 的提交）",
            "en": "Open the feedback (submission of {when})",
        },
        "submission.feedback_failed": {
            "zh": "暂时取不到反馈：{reason}",
            "en": "Could not fetch feedback: {reason}",
        },
        "submission.item_unanswered": {"zh": "第 {number} 题未作答", "en": "Question {number} unanswered"},
        "submission.rule_unmet": {
            "zh": "规则未满足：{name}（{detail}）",
            "en": "Rule not met: {name} ({detail})",
        },
        "submission.evidence_missing": {
            "zh": "证据不全：{name}（{detail}）",
            "en": "Evidence incomplete: {name} ({detail})",
        },
        "submission.no_plan": {"zh": "计划还没有填写", "en": "The plan is still empty"},
        "submission.outside": {
            "zh": "这份作业不在研修空间的作业文件夹中，无法提交。请从研修首页打开作业。",
            "en": "This assignment is not in your workspace's assignment folder; open it from your home page.",
        },
        "mywork.heading": {"zh": "我的作业", "en": "My assignments"},
        "mywork.assignment": {"zh": "作业", "en": "Assignment"},
        "mywork.status": {"zh": "状态", "en": "Status"},
        "mywork.open": {"zh": "打开", "en": "Open"},
        "mywork.not_started": {"zh": "未提交", "en": "Not submitted"},
        "mywork.submitted": {"zh": "已提交 {when}", "en": "Submitted {when}"},
        "mywork.has_feedback": {"zh": "有反馈", "en": "Feedback returned"},
        "mywork.none": {
            "zh": "坊主还没有发布作业。发布后会出现在这里。",
            "en": "No assignments have been released yet.",
        },
        "mywork.refresh": {"zh": "刷新", "en": "Refresh"},
        "mywork.unavailable": {
            "zh": "暂时读不到作业列表：{reason}",
            "en": "The assignment list is unavailable: {reason}",
        },
    }
)
