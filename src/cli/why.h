/*
 * why.h - the interview's "why this is asked", in a sentence of at most about three lines
 * (why.c).
 */
#ifndef CLI_WHY_H
#define CLI_WHY_H

#include "voice.h"
#include "socadvise.h"

/*
 * Say why a question or checklist is asked: the decisions (slots, from sa_interview_why) that
 * still wait on it, reports and categories by name, types by report, advice and steps counted.
 */
void cli_why(const struct cli_voice *v, const sa_rules *r, const size_t *slots, size_t n);

#endif
