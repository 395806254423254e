// A thin C layer over ncursesw so Swift 6 can use it: macros (getmaxyx, COLOR_PAIR, A_*) are not
// imported by Swift, variadic printw is not callable, and the global `stdscr` is rejected as
// shared mutable state. Everything here is a plain function.
#ifndef CNCURSES_H
#define CNCURSES_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

/// Sets the locale from the environment; falls back to C.UTF-8 when the result is not UTF-8.
/// Returns 1 when a UTF-8 locale is in force afterwards.
int ecoute_setup_locale(void);

/// Starts curses mode: raw keys, no echo, keypad, hidden cursor, colours when available.
/// Returns 0 on success.
/// Whether the terminal can run the console, without touching the screen: 0 yes, 1 no TERM,
/// 2 TERM unknown to terminfo, 3 a terminal that cannot move the cursor (TERM=dumb).
int ecoute_check_terminal(void);
int ecoute_start(void);
/// Leaves curses mode and restores the terminal. Safe to call more than once.
void ecoute_stop(void);

int ecoute_lines(void);
int ecoute_cols(void);

/// Reads one key: returns OK with a character, KEY_CODE_YES with a function key, ERR on timeout.
int ecoute_get_key(int timeout_ms, unsigned int *out);

/// Writes `count` wide characters at (y, x) with the given style (see ECOUTE_STYLE_*).
void ecoute_put(int y, int x, const wchar_t *text, int count, int style);
void ecoute_erase(void);
void ecoute_refresh(void);
void ecoute_bell(void);

enum {
    ECOUTE_STYLE_NORMAL = 0,
    ECOUTE_STYLE_BOLD = 1,
    ECOUTE_STYLE_REVERSE = 2,
    ECOUTE_STYLE_ALERT = 3,    // red background: emergency, overdue
    ECOUTE_STYLE_DIM = 4,
    ECOUTE_STYLE_HEADER = 5,   // status and key bars
    ECOUTE_STYLE_OK = 6,       // green: done, saved
    ECOUTE_STYLE_WARN = 7,     // yellow: attention
};

/// Installs handlers for SIGTERM, SIGHUP, SIGINT and SIGQUIT that only record the signal (async-
/// signal-safe); the main loop polls it. Call before ecoute_start so ncurses keeps its hands off.
void ecoute_install_signal_handlers(void);
/// The last signal received (0 if none).
int ecoute_pending_signal(void);

int ecoute_key_resize(void);
int ecoute_key_f(int n);
int ecoute_key_up(void);
int ecoute_key_down(void);
int ecoute_key_left(void);
int ecoute_key_right(void);
int ecoute_key_home(void);
int ecoute_key_end(void);
int ecoute_key_backspace(void);
int ecoute_key_dc(void);
int ecoute_key_enter(void);
int ecoute_key_npage(void);
int ecoute_key_ppage(void);
int ecoute_key_btab(void);
/// The key code curses gives the key of a terminfo capability (kLFT5: Ctrl-←), -1 if it has none.
int ecoute_key_code(const char *capability);

#endif
