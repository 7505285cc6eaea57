/*
 * checklist.h - asking a checklist in the interview: "which of these apply?", the open items
 * numbered, a reply of their numbers (checklist.c).
 */
#ifndef CLI_CHECKLIST_H
#define CLI_CHECKLIST_H

#include "reply.h"
#include "sa_interview.h"
#include "voice.h"

struct cli_checklist_ask {
	const struct cli_voice *v;
	struct cli_reader *rd;
	sa_interview *it;
	const sa_rules *r;
	const char *head;   /* the progress mark, "[3/~12]" */
	size_t head_width;  /* its width on screen */
	/* "<": take the last step back; returns 0 when there is none (then ask again) */
	int (*go_back)(void *ctx);
	void *ctx;
};

/*
 * Ask checklist c until it is answered (or back is taken): CLI_READ_LINE; CLI_READ_EOF for quit
 * or the end of input; CLI_READ_SIGNAL for a cancelling signal.
 */
enum cli_read cli_ask_checklist(const struct cli_checklist_ask *a, size_t c);

#endif
