/*
 * explain.h - the interview's offer, after the result, to explain any report, advice or step
 * (explain.c).
 */
#ifndef CLI_EXPLAIN_H
#define CLI_EXPLAIN_H

#include "reply.h"
#include "voice.h"
#include "socadvise.h"

/*
 * List the result's items and explain the ones picked by number (their reasons, the answers
 * behind them and the sources) until Enter, "q" or the end of input. Returns CLI_READ_SIGNAL
 * when a cancelling signal ended it, else CLI_READ_LINE.
 */
enum cli_read cli_explain_offer(const struct cli_voice *v, struct cli_reader *rd,
				const sa_rules *r, const struct sa_result *res);

#endif
