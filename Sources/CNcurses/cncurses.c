#include "cncurses.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <term.h>

static volatile sig_atomic_t ecoute_signal = 0;

static void ecoute_on_signal(int sig) { ecoute_signal = sig; }

void ecoute_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ecoute_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns so the loop sees the flag */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    /* A parent may have left these blocked (the mask is inherited across exec): unblock them,
       or a dropped SSH session would never reach us. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGQUIT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int ecoute_pending_signal(void) { return (int)ecoute_signal; }

static int ecoute_started = 0;
/// Colours in use: the terminal has them and NO_COLOR (no-color.org) is not set.
static int ecoute_colors = 0;

int ecoute_setup_locale(void) {
    const char *loc = setlocale(LC_ALL, "");
    if (loc == NULL || (strstr(loc, "UTF-8") == NULL && strstr(loc, "utf8") == NULL && strstr(loc, "UTF8") == NULL && strstr(loc, "utf-8") == NULL)) {
        loc = setlocale(LC_ALL, "C.UTF-8");
    }
    return loc != NULL && (strstr(loc, "UTF-8") != NULL || strstr(loc, "utf8") != NULL);
}

/// The answer of the first check: a command checks before it opens the store, and the terminal
/// checks again as it starts; the terminal description is read once for both.
static int ecoute_terminal_checked = -1;

int ecoute_check_terminal(void) {
    if (ecoute_terminal_checked >= 0) return ecoute_terminal_checked;
    const char *term = getenv("TERM");
    if (term == NULL || term[0] == '\0') return ecoute_terminal_checked = 1;
    int err = 0;
    if (setupterm(NULL, 1, &err) != OK) return ecoute_terminal_checked = 2;
    char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    if (!usable) return ecoute_terminal_checked = 3;
    // Keys are read from standard input and the screen is drawn on standard output: a console
    // started from a pipe, a file or /dev/null would wait for keys that never come.
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return ecoute_terminal_checked = 4;
    return ecoute_terminal_checked = 0;
}

int ecoute_start(void) {
    // newterm, unlike initscr, returns NULL instead of exiting when the terminal is unusable.
    if (newterm(NULL, stdout, stdin) == NULL) return -1;
    ecoute_started = 1;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    // Bracketed paste: a paste arrives between ESC[200~ and ESC[201~, never as typed keys.
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    const char *no_color = getenv("NO_COLOR");
    ecoute_colors = has_colors() && (no_color == NULL || no_color[0] == '\0');
    if (ecoute_colors) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_WHITE, COLOR_RED);
        init_pair(2, COLOR_BLACK, COLOR_CYAN);
        init_pair(3, COLOR_GREEN, -1);
        init_pair(4, COLOR_YELLOW, -1);
    }
    return 0;
}

void ecoute_stop(void) {
    if (ecoute_started) {
        ecoute_started = 0;
        fputs("\033[?2004l", stdout);
        fflush(stdout);
        endwin();
    }
}

int ecoute_lines(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
int ecoute_cols(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }

int ecoute_get_key(int timeout_ms, unsigned int *out) {
    wint_t ch = 0;
    timeout(timeout_ms);
    int r = get_wch(&ch);
    *out = (unsigned int)ch;
    return r;
}

static attr_t style_attr(int style) {
    int colors = ecoute_colors;
    switch (style) {
    case ECOUTE_STYLE_BOLD: return A_BOLD;
    case ECOUTE_STYLE_REVERSE: return A_REVERSE;
    case ECOUTE_STYLE_ALERT: return colors ? (COLOR_PAIR(1) | A_BOLD) : (A_REVERSE | A_BOLD);
    case ECOUTE_STYLE_DIM: return A_DIM;
    case ECOUTE_STYLE_HEADER: return colors ? COLOR_PAIR(2) : A_REVERSE;
    case ECOUTE_STYLE_OK: return colors ? (COLOR_PAIR(3) | A_BOLD) : A_BOLD;
    case ECOUTE_STYLE_WARN: return colors ? (COLOR_PAIR(4) | A_BOLD) : A_BOLD;
    default: return A_NORMAL;
    }
}

void ecoute_put(int y, int x, const wchar_t *text, int count, int style) {
    attr_t a = style_attr(style);
    attron(a);
    mvaddnwstr(y, x, text, count);
    attroff(a);
}

void ecoute_erase(void) { erase(); }
void ecoute_refresh(void) { refresh(); }

int ecoute_key_resize(void) { return KEY_RESIZE; }
int ecoute_key_f(int n) { return KEY_F(n); }
int ecoute_key_up(void) { return KEY_UP; }
int ecoute_key_down(void) { return KEY_DOWN; }
int ecoute_key_left(void) { return KEY_LEFT; }
int ecoute_key_right(void) { return KEY_RIGHT; }
int ecoute_key_home(void) { return KEY_HOME; }
int ecoute_key_end(void) { return KEY_END; }
int ecoute_key_backspace(void) { return KEY_BACKSPACE; }
int ecoute_key_dc(void) { return KEY_DC; }
int ecoute_key_enter(void) { return KEY_ENTER; }
int ecoute_key_npage(void) { return KEY_NPAGE; }
int ecoute_key_ppage(void) { return KEY_PPAGE; }
int ecoute_key_btab(void) { return KEY_BTAB; }
int ecoute_key_code(const char *capability) {
    char *sequence = tigetstr(capability);
    if (sequence == NULL || sequence == (char *)-1) return -1;
    return key_defined(sequence);
}
void ecoute_bell(void) { beep(); }
