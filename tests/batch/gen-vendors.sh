#!/bin/sh
# gen-vendors.sh N BAD_EVERY SEED - a vendor inventory as a spreadsheet exports it: a byte order
# mark, CRLF row ends, N data rows. Columns: vendor, owner, id, payroll, hosting, customer_data,
# role, controls_months, notes. The pass-through cells (vendor, owner, id, notes) hold what real
# sheets hold: commas, doubled quotes, line breaks inside quotes, spaces at either end, UTF-8.
# Every BAD_EVERY-th row has one bad answer cell and an id starting with "bad-". The same seed
# gives the same bytes (a Park-Miller generator, exact in awk's doubles).
set -u
n=${1:?usage: gen-vendors.sh N BAD_EVERY SEED}
every=${2:?}
seed=${3:?}
awk -v n="$n" -v every="$every" -v seed="$seed" '
function rnd(k) { x = (x * 16807) % 2147483647; return x % k }
function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
BEGIN {
	x = seed % 2147483646 + 1
	split("Acme|Globex|Initech|Umbrella|Hooli|Vandelay|Wonka|Stark|Tyrell|Soylent", names, "|")
	split("alice|bob|chen|dana|émile|farah", owners, "|")
	split("yes|no|true|false|1|0||unknown|Yes|NO", bools, "|")
	split("provider|customer|Customer||unknown", roles, "|")
	printf "\357\273\277vendor,owner,id,payroll,hosting,customer_data,role,controls_months,notes\r\n"
	for (i = 1; i <= n; i++) {
		vendor = names[rnd(10) + 1] " " i
		if (rnd(4) == 0)
			vendor = vendor ", Inc."
		owner = owners[rnd(6) + 1]
		if (rnd(5) == 0)
			owner = " " owner " "
		id = (i % every == 0 ? "bad-" : "v-") i
		pay = bools[rnd(10) + 1]
		host = bools[rnd(10) + 1]
		cust = bools[rnd(10) + 1]
		role = roles[rnd(5) + 1]
		months = rnd(3) == 0 ? "" : rnd(121)
		k = rnd(6)
		notes = k == 0 ? "" : k == 1 ? "renewal due \"Q3\"" : k == 2 ? "line one\nline two, with a comma" : \
			k == 3 ? "  padded  " : k == 4 ? "café; naïve — ok" : "tab\there"
		if (i % every == 0) {
			k = rnd(3)
			if (k == 0) pay = "maybe"
			else if (k == 1) months = 500
			else role = "vendor"
		}
		printf "%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", (rnd(2) ? q(vendor) : vendor ~ /,/ ? q(vendor) : vendor),
			owner, id, pay, host, cust, role, months, q(notes)
	}
}'
