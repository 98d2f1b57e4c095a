"""The messages of `workshop grade`, in Chinese and English."""

from __future__ import annotations

from toolkit.i18n import add_messages

add_messages(
    {
        "autograde.no_bwrap": {
            "zh": "找不到 bubblewrap（bwrap），无法隔离运行提交的作业；请先安装：apt-get install bubblewrap",
            "en": "bubblewrap (bwrap) is not installed, so submissions cannot be isolated; "
            "install it with apt-get install bubblewrap",
        },
        "autograde.not_root": {
            "zh": "隔离评分需要以 root 身份运行（每个评分进程使用独立的用户编号和资源限制）；"
            "请用 sudo 运行 workshop grade",
            "en": "isolated grading must run as root (each worker runs submissions under its own user id "
            "and limits); run workshop grade with sudo",
        },
        "autograde.sandbox_failed": {
            "zh": "评分沙箱未能启动，详见 {log}",
            "en": "the grading sandbox did not start; see {log}",
        },
        "autograde.no_assignment": {
            "zh": "课程 {course} 中没有作业“{assignment}”（source/{assignment} 不存在）",
            "en": "course {course} has no assignment '{assignment}' (no source/{assignment})",
        },
        "autograde.no_submission": {
            "zh": "以下教师没有提交“{assignment}”：{teachers}",
            "en": "no submission of '{assignment}' from: {teachers}",
        },
        "autograde.progress": {"zh": "评分 {assignment}", "en": "grading {assignment}"},
        "autograde.workers_died": {
            "zh": "评分进程全部意外退出，日志在 {log}；已评的结果已保存，重新运行即可继续",
            "en": "every grading worker stopped unexpectedly (logs in {log}); what was graded is saved, "
            "run again to continue",
        },
        "autograde.summary": {
            "zh": "{assignment}：已评分 {graded} 份，需复核 {flagged} 份，失败 {failed} 份，"
            "跳过（已评过）{skipped} 份",
            "en": "{assignment}: {graded} graded, {flagged} flagged for review, {failed} failed, "
            "{skipped} skipped (already graded)",
        },
        "autograde.status.graded": {"zh": "已评分", "en": "graded"},
        "autograde.status.flagged": {"zh": "需复核", "en": "flagged"},
        "autograde.status.failed": {"zh": "失败", "en": "failed"},
        "autograde.repair.invalid": {
            "zh": "{name} 不是有效的笔记本文件",
            "en": "{name} is not a valid notebook file",
        },
        "autograde.repair.changed": {
            "zh": "{name} 的格子被删除、复制、改动或增加过",
            "en": "cells of {name} were deleted, duplicated, edited or added",
        },
        "autograde.repair.renamed": {
            "zh": "没有 {name}，只有改了名的 {found}",
            "en": "no {name}, only a renamed {found}",
        },
        "autograde.repair.links": {
            "zh": "提交中的符号链接未被采用：{names}",
            "en": "symbolic links in the submission were left out: {names}",
        },
        "autograde.repair.missing": {"zh": "缺少 {name}", "en": "{name} is missing"},
        "autograde.repair.done": {
            "zh": "已按发布版本修复后评分（提交的文件未改动）：{problems}",
            "en": "graded after repair from the release (the submitted files are unchanged): {problems}",
        },
        "autograde.flag.cell_timeout": {
            "zh": "第 {cell} 格运行超过 {seconds} 秒，已停止；之后的格子记为未通过",
            "en": "cell {cell} ran for more than {seconds} s and was stopped; "
            "the cells after it count as failed",
        },
        "autograde.flag.notebook_timeout": {
            "zh": "整份作业运行超过 {seconds} 秒，已停止；未完成的格子记为未通过",
            "en": "the notebook ran for more than {seconds} s and was stopped; "
            "unfinished cells count as failed",
        },
        "autograde.flag.died": {
            "zh": "运行中途退出（状态 {code}）；之后的格子记为未通过",
            "en": "the run ended early (status {code}); the cells after it count as failed",
        },
        "autograde.flag.fault": {
            "zh": "评分进程出错：{detail}",
            "en": "the grading process failed: {detail}",
        },
        "autograde.flag.output": {
            "zh": "输出超过 8 MB，超出部分未保留",
            "en": "more than 8 MB of output; the rest was dropped",
        },
        "autograde.flag.memory": {
            "zh": "内存用量超过上限 {mb} MB",
            "en": "memory use went over the {mb} MB limit",
        },
        "autograde.flag.processes": {
            "zh": "启动的进程数超过上限",
            "en": "started more processes than allowed",
        },
    }
)
