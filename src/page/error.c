/*
 * error.c: the error pages, in Arabic, for the public site and the newsroom
 * alike (the server renders them for a handler's error, too).
 */
#include "http/server.h"
#include "page/page.h"

static const struct {
    int status;
    const char *title;
    const char *message;
} page_errors[] = {
    { 400, "طلب غير صالح", "تعذّر فهم الطلب. تحقّق من البيانات المرسلة ثم أعد المحاولة." },
    { 403, "غير مسموح", "لم نتمكّن من التحقق من مصدر هذا الطلب. أعد تحميل الصفحة ثم أرسل مرة أخرى." },
    { 404, "الصفحة غير موجودة", "لم نعثر على الصفحة المطلوبة. ربما نُقلت أو حُذفت، أو أن الرابط غير صحيح." },
    { 405, "طريقة غير مسموح بها", "لا تقبل هذه الصفحة هذا النوع من الطلبات." },
    { 413, "الطلب كبير جدًا", "حجم البيانات المرسلة يتجاوز الحد المسموح به." },
    { 415, "نوع غير مدعوم", "نوع البيانات المرسلة غير مدعوم." },
    { 429, "طلبات كثيرة", "أرسلت طلبات كثيرة في وقت قصير. انتظر قليلًا ثم أعد المحاولة." },
    { 503, "الخدمة غير متاحة مؤقتًا", "الموقع مشغول أو قيد الصيانة. حاول مرة أخرى بعد قليل." },
    { 500, "خطأ في الخادم", "حدث خطأ غير متوقع من جهتنا. نعتذر، حاول مرة أخرى بعد قليل." },
    { 503, "الموقع مشغول", "يستقبل الموقع طلبات كثيرة في هذه اللحظة. أعد المحاولة بعد ثوانٍ." },
};

/* A 403 for a logged-in user whose role lacks the permission (req->denied). */
static const char denied_title[] = "ليست لديك صلاحية";
static const char denied_message[] =
    "لا يسمح دورك في غرفة الأخبار بفتح هذه الصفحة. إن كنت تحتاج إليها فاطلبها من مدير الموقع.";

/* A 503 in read-only mode (serve --read-only): the newsroom or a comment. */
static const char read_only_title[] = "الموقع في وضع القراءة فقط";
static const char read_only_message[] =
    "غرفة الأخبار والتعليقات متوقفة مؤقتًا للصيانة، ويمكنك مواصلة قراءة الأخبار. "
    "أعد المحاولة لاحقًا.";

enum ak_err page_error(struct req *r, int status)
{
    size_t i = 0, n = sizeof page_errors / sizeof page_errors[0];
    while (i < n - 1 && page_errors[i].status != status)
        i++;
    int denied = status == 403 && r->denied;
    int read_only = status == 503 && r->app && r->app->read_only;
    const char *title = denied ? denied_title : read_only ? read_only_title : page_errors[i].title;
    const char *message = denied      ? denied_message
                          : read_only ? read_only_message
                                      : page_errors[i].message;
    struct tv *v = r->store ? page_new(r, title, NULL) : NULL;
    if (!v && !(v = page_root(r, title)))     /* no database: still a page */
        return AK_ENOMEM;
    tv_bool(&r->arena, v, "canonical", 0);     /* an error is no page of the site */
    tv_bool(&r->arena, v, "noindex", 1);
    tv_int(&r->arena, v, "status", status);
    tv_str(&r->arena, v, "heading", title);
    tv_str(&r->arena, v, "message", message);
    tv_bool(&r->arena, v, "is_denied", denied);
    tv_bool(&r->arena, v, "is_404", status == 404);
    return page_render(r, status, "error", v, HTTP_NO_STORE);
}
