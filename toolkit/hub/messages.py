"""The hub's messages (teacher- and trainer-facing), in the one catalogue."""

from toolkit.i18n import add_messages

add_messages(
    {
        "hub.not_root": {
            "zh": "workshop hub 需要以 root 身份运行：每位教师的服务器以其本人的系统账户运行（可用 sudo）。",
            "en": "workshop hub must run as root: each teacher's server runs as their own system user (use sudo).",
        },
        "hub.no_proxy": {
            "zh": "找不到 JupyterHub 的代理 configurable-http-proxy；请先运行 scripts/setup。",
            "en": "JupyterHub's proxy configurable-http-proxy is missing; run scripts/setup first.",
        },
        "hub.no_people": {
            "zh": "课程名单中没有在册的人员，无人可以登录；请先用 workshop init 导入名单。",
            "en": "The course roster has no active members, so nobody could log in; run workshop init with a roster.",
        },
        "hub.id_clash": {
            "zh": "工号 {ids} 只有大小写不同，登录时无法区分；请在名单中改为不同的工号。",
            "en": "IDs {ids} differ only in letter case and cannot be told apart at login; make them distinct.",
        },
        "hub.python_unreadable": {
            "zh": "教师的系统账户无法运行 {python}（它所在的文件夹对其他用户不可读）。请把工具包安装在所有用户都能读取的位置，例如用 /usr/bin/python3 重新运行 scripts/setup。",
            "en": "Teachers' system users cannot run {python} (a folder above it is closed to other users). Install the toolkit where every user can read it, e.g. rerun scripts/setup with /usr/bin/python3.",
        },
        "hub.folder_closed": {
            "zh": "教师的系统账户无法进入 {folder}，因此无法提交作业；请执行 chmod o+x {folder}，或把课程目录放在其他位置。",
            "en": "Teachers' system users cannot enter {folder}, so they could not submit; chmod o+x {folder} or move the course.",
        },
        "hub.port_busy": {
            "zh": "端口 {port} 已被占用（研修坊使用 {port} 到 {last} 五个端口）；请用 --port 换一个。",
            "en": "Port {port} is in use (the hub uses the five ports {port} to {last}); choose another with --port.",
        },
        "hub.failed": {
            "zh": "JupyterHub 未能启动，详见日志 {log}",
            "en": "JupyterHub did not start; see its log {log}",
        },
        "hub.ready": {
            "zh": "研修坊已启动：{url}\n  教师：用名单中的工号登录，首次登录时自己设置密码（至少 6 位）。\n  坊主和管理员：同样登录后，打开 {url}services/{service}/ 使用评分（formgrader、量规评分台）和仪表盘。\n  教师画像：{url}services/portrait/\n  我的校本研修：{url}services/portrait/research\n  课堂评价：{url}services/portrait/lessons\n  运行日志：{log}\n按 Ctrl+C 停止。",
            "en": "The workshop hub is up: {url}\n  Teachers: log in with their roster ID and choose a password at first login (6+ characters).\n  Leaders and admins: log in the same way, then open {url}services/{service}/ for grading (formgrader, rubric desk) and the dashboards.\n  Teacher portraits: {url}services/portrait/\n  My school-based research: {url}services/portrait/research\n  Lesson ratings: {url}services/portrait/lessons\n  Log: {log}\nPress Ctrl+C to stop.",
        },
        "hub.password_too_short": {
            "zh": "首次登录请设置至少 {length} 位的密码（以后用它登录）。",
            "en": "At your first login, choose a password of at least {length} characters.",
        },
        "hub.collect_ignored": {
            "zh": "已忽略 {folder}：提交它的系统账户 {owner} 不是工号 {id} 本人的账户。",
            "en": "Ignored {folder}: it was submitted by system user {owner}, not by {id}'s own account.",
        },
        "hub.stopping": {
            "zh": "正在停止研修坊（先停各位教师的服务器和课程服务，约需一分钟）……",
            "en": "Stopping the hub (teachers' servers and the course services first; about a minute)…",
        },
        "hub.stopped": {"zh": "研修坊已停止。", "en": "The workshop hub has stopped."},
    }
)
