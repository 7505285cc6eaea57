/*
 * translate.h - what the translators of sa_peer_translate share (translate.c: the model walk and
 * json-rules-engine; to_clips.c: CLIPS).
 */
#ifndef SA_PEER_TRANSLATE_H
#define SA_PEER_TRANSLATE_H

#include "internal.h"

extern const sa_rules *R;
extern unsigned *layer; /* per fact: its stratum, 0 when it reads no fact */
extern unsigned nlayers;

/* The comparison that holds exactly when op does not (two-valued logic). */
int negate_op(int op);
/* Write the recommendation id number j of a recommend, advice or step rule into buf; returns how
 * many it has (a report with action request also gives REPORT.request). */
int outcome_id(const struct rule *ru, int j, char *buf, size_t size);
/* Write the CLIPS program to standard output; returns 0, or 1 after a message naming file when a
 * condition is too large to write as an OR of ANDs. */
int clips_program(const char *file);

#endif
