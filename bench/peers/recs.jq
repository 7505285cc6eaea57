# The recommendation set of one socadvise JSON result line, in the shape every runner of the
# peer comparison prints: {"id": ID, "recs": [sorted ids]} (ids as in sa_peer_translate).
{id, recs: ([
	(.recommendations[] | select(.status == "recommended")
		| .report,
		  (if .action == "request" then .report + ".request" else empty end),
		  (.report + "." + (.criteria // [])[])),
	(.advice[] | select(.status == "recommended") | "advice." + .id),
	(.next_steps[] | select(.status == "recommended") | "step." + .id)
] | sort)}
