/*
 * user.c: `akhbar user` (add, list, disable, enable, passwd): the newsroom's
 * people from the command line. Passwords come from standard input, or from
 * a prompt without echo on a terminal; never from argv, which other users of
 * the machine can read. Every change is in the audit log (client "cli").
 */
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>
#include "cli/cli.h"
#include "render/date.h"
#include "store/audit.h"
#include "store/user.h"
#include "text/utf8.h"

static struct termios cli_tty_saved;
static volatile sig_atomic_t cli_tty_echo_off;

/* Ctrl-C at the password prompt: give the terminal its echo back first. */
static void cli_tty_interrupted(int sig)
{
    if (cli_tty_echo_off)
        tcsetattr(STDIN_FILENO, TCSANOW, &cli_tty_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Read one line of at most cap - 2 bytes into buf without its line end;
 * *n gets its length. Returns 0 at end of input or when the line is too long
 * (the rest is not read). */
static int cli_read_line(char *buf, size_t cap, size_t *n)
{
    if (!fgets(buf, (int)cap, stdin))
        return 0;
    *n = strlen(buf);
    if (*n && buf[*n - 1] == '\n')
        buf[--*n] = 0;
    else if (*n == cap - 1)
        return 0;                       /* no line end within cap: too long */
    if (*n && buf[*n - 1] == '\r')
        buf[--*n] = 0;
    return 1;
}

/* The new password for `akhbar user add|passwd` into r->secret: typed twice
 * at a prompt without echo when standard input is a terminal, else the first
 * line of standard input. Returns -1 to go on, or an exit status after a
 * message. */
static int cli_read_password(struct cli_run *r)
{
    const char *cmd = r->cmd->sub, *problem;
    char *buf = r->secret;
    size_t cap = sizeof r->secret, *n = &r->nsecret;
    if (!isatty(STDIN_FILENO)) {
        if (!cli_read_line(buf, cap, n)) {
            fprintf(stderr, "akhbar user %s: no password on standard input (or over %d bytes)\n",
                    cmd, USER_PASSWORD_MAX);
            return 1;
        }
    } else {
        char again[USER_PASSWORD_MAX + 2];
        size_t m = 0;
        int ok = tcgetattr(STDIN_FILENO, &cli_tty_saved) == 0;
        struct termios quiet = cli_tty_saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        signal(SIGINT, cli_tty_interrupted);
        signal(SIGTERM, cli_tty_interrupted);
        cli_tty_echo_off = ok && tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        fprintf(stderr, "Password (at least %d characters): ", USER_PASSWORD_MIN);
        ok = cli_read_line(buf, cap, n);
        if (ok) {
            fprintf(stderr, "Again: ");
            ok = cli_read_line(again, sizeof again, &m);
        }
        if (cli_tty_echo_off)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &cli_tty_saved);
        cli_tty_echo_off = 0;
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        int same = ok && m == *n && sodium_memcmp(again, buf, m) == 0;
        sodium_memzero(again, sizeof again);
        if (!same) {
            fprintf(stderr, "akhbar user %s: %s\n", cmd,
                    ok ? "the passwords do not match" : "no password typed");
            return 1;
        }
    }
    if ((problem = store_user_password_problem(buf, *n))) {
        fprintf(stderr, "akhbar user %s: %s\n", cmd, problem);
        return 1;
    }
    return -1;
}


/* user disable|enable|passwd LOGIN: a valid login, and for passwd the new
 * password. */
int cli_user_login_prepare(struct cli_run *r)
{
    if (!store_user_login_valid(r->args[0])) {
        fprintf(stderr, "akhbar user %s: LOGIN: not a valid login: '%s'\n", r->cmd->sub,
                r->args[0]);
        return CLI_EXIT_USAGE;
    }
    return strcmp(r->cmd->sub, "passwd") == 0 ? cli_read_password(r) : -1;
}

/* user disable|enable|passwd LOGIN: the change and its audit entry in one
 * transaction. */
int cli_user_change(struct cli_run *r)
{
    const char *sub = r->cmd->sub, *login = r->args[0];
    int passwd = strcmp(sub, "passwd") == 0, disable = strcmp(sub, "disable") == 0;
    struct arena a;
    arena_init(&a, 0);
    struct user u;
    enum ak_err rc = store_user_by_login(r->st, &a, login, &u);
    if (rc == AK_OK && (rc = store_begin(r->st)) == AK_OK) {
        if (passwd)
            rc = store_user_set_password(r->st, u.id, r->secret, r->nsecret);
        else
            rc = store_user_set_disabled(r->st, u.id, disable);
        enum audit_action action = passwd ? AUDIT_USER_PASSWD
                                   : disable ? AUDIT_USER_DISABLE : AUDIT_USER_ENABLE;
        if (rc == AK_OK)
            rc = cli_audit(r->st, action, login, "");
        if (rc == AK_OK)
            rc = store_commit(r->st);
        if (rc)
            store_rollback(r->st);
    }
    if (rc == AK_ENOTFOUND)
        fprintf(stderr, "akhbar user %s: LOGIN: no user '%s'\n", sub, login);
    else if (rc)
        fprintf(stderr, "akhbar user %s: %s\n", sub, ak_strerror(rc));
    else if (passwd)
        printf("%s: password changed; sessions ended\n", login);
    else
        printf("%s: %s\n", login, disable ? "disabled; sessions ended" : "enabled");
    arena_reset(&a);
    return rc ? 1 : 0;
}

int cli_user_list(struct cli_run *r)
{
    struct arena a;
    arena_init(&a, 0);
    struct user *us;
    size_t n;
    enum ak_err rc = store_user_list(r->st, &a, &us, &n);
    if (rc == AK_OK && r->opt[CLI_OPT_JSON]) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            char when[32];
            date_format(us[i].created_at, DATE_ISO, when, sizeof when);
            json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}", "id",
                                                 (json_int_t)us[i].id, "login", us[i].login,
                                                 "name", us[i].name, "role",
                                                 user_role_names[us[i].role], "disabled",
                                                 us[i].disabled, "created_at", when));
        }
        cli_json_print(arr);
    } else if (rc == AK_OK) {
        for (size_t i = 0; i < n; i++)
            printf("%" PRId64 "\t%s\t%s\t%s\t%s\n", us[i].id, us[i].login,
                   user_role_names[us[i].role], us[i].disabled ? "disabled" : "active",
                   us[i].name);
    }
    arena_reset(&a);
    return rc ? 1 : 0;
}

/* user add --role ROLE [--name NAME] LOGIN: a valid login and name, then the
 * password. */
int cli_user_add_prepare(struct cli_run *r)
{
    const char *name = r->opt[CLI_OPT_NAME];
    if (!store_user_login_valid(r->args[0])) {
        fprintf(stderr, "akhbar user add: LOGIN: use 1 to %d of a-z, 0-9, '.', '_' and '-', "
                "starting with a letter or digit\n", USER_LOGIN_MAX);
        return CLI_EXIT_USAGE;
    }
    if (name && !utf8_valid(name, strlen(name))) {
        fprintf(stderr, "akhbar user add: --name: not valid UTF-8\n");
        return CLI_EXIT_USAGE;
    }
    return cli_read_password(r);
}

int cli_user_add(struct cli_run *r)
{
    const char *login = r->args[0];
    enum user_role role = (enum user_role)r->num[CLI_OPT_ROLE];
    int64_t id = 0;
    char detail[64];
    snprintf(detail, sizeof detail, "role %s", user_role_names[role]);
    enum ak_err rc = store_begin(r->st);
    if (rc == AK_OK &&
        (rc = store_user_add(r->st, login, r->opt[CLI_OPT_NAME], role, r->secret, r->nsecret,
                             &id)) == AK_OK &&
        (rc = cli_audit(r->st, AUDIT_USER_ADD, login, detail)) == AK_OK)
        rc = store_commit(r->st);
    if (rc)
        store_rollback(r->st);
    if (rc == AK_EEXIST) {
        fprintf(stderr, "akhbar user add: LOGIN: user '%s' exists\n", login);
        return 1;
    }
    if (rc == AK_EINVAL) {
        fprintf(stderr, "akhbar user add: --name: over %d characters or with control "
                "characters\n", USER_NAME_MAX);
        return CLI_EXIT_USAGE;
    }
    if (rc) {
        fprintf(stderr, "akhbar user add: %s\n", ak_strerror(rc));
        return 1;
    }
    printf("%" PRId64 "\n", id);
    return 0;
}
