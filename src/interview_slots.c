/*
 * interview_slots.c - the interview's words for a decision slot: its kind, a short label ("SOC 2
 * Availability", an advice title) and a description ("whether SOC 2 covers Availability"), for
 * "why is this asked". No I/O.
 */
#include "internal.h"
#include "sa_interview.h"

#include <stdio.h>

enum sa_slot_kind sa_interview_slot_kind(const sa_rules *r, size_t slot)
{
	if (slot < SA_REPORT_COUNT)
		return SA_SLOT_REPORT;
	if (slot < (size_t)SA_REPORT_COUNT * 2)
		return SA_SLOT_TYPE;
	if (slot < SLOT_ITEM0)
		return SA_SLOT_CATEGORY;
	if (slot < SLOT_ITEM0 + r->nitems[SA_ITEM_ADVICE])
		return SA_SLOT_ADVICE;
	return SA_SLOT_STEP;
}

/* The first words of a text, cut at a word boundary, for a one-line mention. */
static void shorten(char *buf, size_t size, const char *prefix, const char *text)
{
	size_t len = (size_t)snprintf(buf, size, "%s", prefix), limit = len + 50, last = 0, i;
	for (i = 0; text[i] && len + 1 < size && len < limit; i++) {
		char c = text[i] == '\n' ? ' ' : text[i];
		if (c == ' ')
			last = len;
		buf[len++] = c;
	}
	buf[len] = '\0';
	if (text[i] && last && last + 4 < size)
		snprintf(buf + last, size - last, "...");
}

/* An advice or step slot: prefix, then the item's title or the first words of its text. */
static const char *item_slot(const sa_rules *r, size_t slot, const char *prefix, char *buf,
			     size_t size)
{
	size_t na = r->nitems[SA_ITEM_ADVICE];
	const struct item *x;
	if (slot >= r->nslots) {
		snprintf(buf, size, "?");
		return buf;
	}
	x = slot < SLOT_ITEM0 + na ? &r->items[SA_ITEM_ADVICE][slot - SLOT_ITEM0]
				   : &r->items[SA_ITEM_STEP][slot - SLOT_ITEM0 - na];
	if (x->title)
		snprintf(buf, size, "%s%s", prefix, x->title);
	else
		shorten(buf, size, prefix, x->text);
	return buf;
}

const char *sa_interview_slot_label(const sa_rules *r, size_t slot, char *buf, size_t size)
{
	switch (sa_interview_slot_kind(r, slot)) {
	case SA_SLOT_REPORT:
		snprintf(buf, size, "%s", sa_report_title((enum sa_report)slot));
		return buf;
	case SA_SLOT_TYPE:
		snprintf(buf, size, "%s", sa_report_title((enum sa_report)(slot - SA_REPORT_COUNT)));
		return buf;
	case SA_SLOT_CATEGORY: {
		size_t k = slot - (size_t)SA_REPORT_COUNT * 2;
		snprintf(buf, size, "%s %s", sa_report_title((enum sa_report)(k / SA_CAT_COUNT)),
			 sa_category_title((enum sa_category)(k % SA_CAT_COUNT)));
		return buf;
	}
	default:
		return item_slot(r, slot, "", buf, size);
	}
}

const char *sa_interview_slot_describe(const sa_rules *r, size_t slot, char *buf, size_t size)
{
	switch (sa_interview_slot_kind(r, slot)) {
	case SA_SLOT_REPORT:
		snprintf(buf, size, "whether %s is recommended", sa_report_title((enum sa_report)slot));
		return buf;
	case SA_SLOT_TYPE:
		snprintf(buf, size, "the type of %s (Type 1 or Type 2)",
			 sa_report_title((enum sa_report)(slot - SA_REPORT_COUNT)));
		return buf;
	case SA_SLOT_CATEGORY: {
		size_t k = slot - (size_t)SA_REPORT_COUNT * 2;
		snprintf(buf, size, "whether %s covers %s",
			 sa_report_title((enum sa_report)(k / SA_CAT_COUNT)),
			 sa_category_title((enum sa_category)(k % SA_CAT_COUNT)));
		return buf;
	}
	case SA_SLOT_ADVICE:
		return item_slot(r, slot, "advice: ", buf, size);
	default:
		return item_slot(r, slot, "next step: ", buf, size);
	}
}
