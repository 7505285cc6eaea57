/*
 * tsc.c - the catalogue of the 61 criteria of the 2017 Trust Services Criteria (revised points
 * of focus, 2022): 33 common criteria (security), 3 availability, 5 processing integrity,
 * 2 confidentiality and 18 privacy criteria.
 *
 * Only the criterion ids come from the AICPA; the short names are ours, written to help a reader
 * find their way, and are not the criteria text.
 */
#include "internal.h"

#include <string.h>

static const struct sa_criterion tsc[] = {
	{ "CC1.1", SA_CAT_SECURITY, "integrity and ethical values" },
	{ "CC1.2", SA_CAT_SECURITY, "board independence and oversight" },
	{ "CC1.3", SA_CAT_SECURITY, "structures, reporting lines and authority" },
	{ "CC1.4", SA_CAT_SECURITY, "attracting and keeping competent people" },
	{ "CC1.5", SA_CAT_SECURITY, "accountability for control duties" },
	{ "CC2.1", SA_CAT_SECURITY, "quality information for internal control" },
	{ "CC2.2", SA_CAT_SECURITY, "internal communication of control matters" },
	{ "CC2.3", SA_CAT_SECURITY, "communication with external parties" },
	{ "CC3.1", SA_CAT_SECURITY, "objectives clear enough to assess risk" },
	{ "CC3.2", SA_CAT_SECURITY, "identifying and analysing risk" },
	{ "CC3.3", SA_CAT_SECURITY, "fraud risk" },
	{ "CC3.4", SA_CAT_SECURITY, "changes that affect internal control" },
	{ "CC4.1", SA_CAT_SECURITY, "ongoing and separate evaluations" },
	{ "CC4.2", SA_CAT_SECURITY, "communicating control deficiencies" },
	{ "CC5.1", SA_CAT_SECURITY, "control activities that reduce risk" },
	{ "CC5.2", SA_CAT_SECURITY, "general controls over technology" },
	{ "CC5.3", SA_CAT_SECURITY, "policies and procedures in place" },
	{ "CC6.1", SA_CAT_SECURITY, "logical access security" },
	{ "CC6.2", SA_CAT_SECURITY, "user registration and authorization" },
	{ "CC6.3", SA_CAT_SECURITY, "role-based access, least privilege" },
	{ "CC6.4", SA_CAT_SECURITY, "physical access" },
	{ "CC6.5", SA_CAT_SECURITY, "disposal of assets and data" },
	{ "CC6.6", SA_CAT_SECURITY, "threats from outside the boundary" },
	{ "CC6.7", SA_CAT_SECURITY, "protecting data in transmission and movement" },
	{ "CC6.8", SA_CAT_SECURITY, "unauthorized or malicious software" },
	{ "CC7.1", SA_CAT_SECURITY, "detecting configuration changes and vulnerabilities" },
	{ "CC7.2", SA_CAT_SECURITY, "monitoring for anomalies" },
	{ "CC7.3", SA_CAT_SECURITY, "evaluating security events" },
	{ "CC7.4", SA_CAT_SECURITY, "incident response" },
	{ "CC7.5", SA_CAT_SECURITY, "recovery from incidents" },
	{ "CC8.1", SA_CAT_SECURITY, "change management" },
	{ "CC9.1", SA_CAT_SECURITY, "business disruption risk mitigation" },
	{ "CC9.2", SA_CAT_SECURITY, "vendor and business partner risk" },
	{ "A1.1", SA_CAT_AVAILABILITY, "capacity management" },
	{ "A1.2", SA_CAT_AVAILABILITY, "environmental protection, backup and recovery infrastructure" },
	{ "A1.3", SA_CAT_AVAILABILITY, "testing recovery plans" },
	{ "C1.1", SA_CAT_CONFIDENTIALITY, "identifying and keeping confidential information" },
	{ "C1.2", SA_CAT_CONFIDENTIALITY, "disposing of confidential information" },
	{ "PI1.1", SA_CAT_PROCESSING_INTEGRITY, "information about processing objectives" },
	{ "PI1.2", SA_CAT_PROCESSING_INTEGRITY, "complete and accurate inputs" },
	{ "PI1.3", SA_CAT_PROCESSING_INTEGRITY, "complete, accurate, timely processing" },
	{ "PI1.4", SA_CAT_PROCESSING_INTEGRITY, "complete, accurate, timely outputs" },
	{ "PI1.5", SA_CAT_PROCESSING_INTEGRITY, "storing inputs and outputs" },
	{ "P1.1", SA_CAT_PRIVACY, "privacy notice" },
	{ "P2.1", SA_CAT_PRIVACY, "choice and consent" },
	{ "P3.1", SA_CAT_PRIVACY, "collection consistent with objectives" },
	{ "P3.2", SA_CAT_PRIVACY, "explicit consent where needed" },
	{ "P4.1", SA_CAT_PRIVACY, "use limited to objectives" },
	{ "P4.2", SA_CAT_PRIVACY, "retention" },
	{ "P4.3", SA_CAT_PRIVACY, "secure disposal of personal information" },
	{ "P5.1", SA_CAT_PRIVACY, "data subject access" },
	{ "P5.2", SA_CAT_PRIVACY, "correction requests" },
	{ "P6.1", SA_CAT_PRIVACY, "disclosure to third parties with consent" },
	{ "P6.2", SA_CAT_PRIVACY, "record of authorized disclosures" },
	{ "P6.3", SA_CAT_PRIVACY, "record of unauthorized disclosures" },
	{ "P6.4", SA_CAT_PRIVACY, "commitments from vendors and partners" },
	{ "P6.5", SA_CAT_PRIVACY, "notice of unauthorized disclosures by vendors" },
	{ "P6.6", SA_CAT_PRIVACY, "breach notification" },
	{ "P6.7", SA_CAT_PRIVACY, "accounting of disclosures to data subjects" },
	{ "P7.1", SA_CAT_PRIVACY, "data quality" },
	{ "P8.1", SA_CAT_PRIVACY, "inquiries, complaints and disputes" },
};

size_t sa_tsc_count(void)
{
	return sizeof(tsc) / sizeof(tsc[0]);
}

const struct sa_criterion *sa_tsc_get(size_t i)
{
	return i < sa_tsc_count() ? &tsc[i] : NULL;
}

const struct sa_criterion *sa_tsc_find(const char *id)
{
	size_t i;
	for (i = 0; i < sa_tsc_count(); i++)
		if (strcmp(tsc[i].id, id) == 0)
			return &tsc[i];
	return NULL;
}
