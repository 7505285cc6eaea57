/*
 * defaults.c - access to the default rules embedded at build time.
 */
#include "socadvise.h"

extern const unsigned char sa_default_rules_data[];
extern const size_t sa_default_rules_data_len;

const char *sa_default_rules(size_t *len)
{
	*len = sa_default_rules_data_len;
	return (const char *)sa_default_rules_data;
}
