"""Page texts in Chinese and English. Keys are stable; add new ones at the end of a section."""

MESSAGES: dict[str, dict[str, str]] = {
    # frame
    "app.name": {"zh": "一窗通 · 行政审批事项标准化平台", "en": "OneWindow approval platform"},
    "nav.home": {"zh": "首页", "en": "Home"},
    "nav.power_list": {"zh": "权力清单", "en": "Power list"},
    "nav.sign_in": {"zh": "登录", "en": "Sign in"},
    "nav.sign_out": {"zh": "退出", "en": "Sign out"},
    "nav.matters": {"zh": "事项编制", "en": "Matters"},
    "nav.review_queue": {"zh": "审核任务", "en": "Review queue"},
    "nav.my_applications": {"zh": "我的申请", "en": "My applications"},
    "nav.clerk_queue": {"zh": "窗口受理", "en": "Window queue"},
    "nav.approver_queue": {"zh": "审批决定", "en": "Decisions"},
    "nav.language": {"zh": "English", "en": "中文"},
    "nav.skip": {"zh": "跳到主要内容", "en": "Skip to main content"},
    # sign-in
    "signin.title": {"zh": "登录", "en": "Sign in"},
    "signin.username": {"zh": "用户名", "en": "Username"},
    "signin.password": {"zh": "密码", "en": "Password"},
    "signin.submit": {"zh": "登录", "en": "Sign in"},
    "signin.failed": {"zh": "用户名或密码错误。", "en": "Wrong username or password."},
    "signin.demo_hint": {"zh": "演示账号的密码均为 onewindow-demo。",
                         "en": "Demo accounts use the password onewindow-demo."},
    # errors
    "error.title": {"zh": "出错了", "en": "Something went wrong"},
    "error.not_found": {"zh": "没有找到该页面或记录。", "en": "That page or record was not found."},
    "error.forbidden": {"zh": "您没有权限执行此操作。", "en": "You are not allowed to do that."},
    "error.back": {"zh": "返回首页", "en": "Back to the home page"},
    "error.sign_in_needed": {"zh": "请先登录。", "en": "Please sign in first."},
}
