# lib.tcl - shared helpers of the pseudo-terminal tests of `socadvise --interactive`.
#
# Every test is an expect script run as `expect SCRIPT.exp BINARY`: it spawns the real binary on
# a pseudo-terminal (so stdin is a terminal, libedit is active and Ctrl-C is a real SIGINT),
# answers like a user and checks what a user sees and the exit status.
# The environment is fixed: TERM=xterm, NO_COLOR=1, LC_ALL=C (progress reads [3/~12]), a
# temporary HOME (no ~/.editrc). SA_WRAPPER (e.g. "valgrind -q --error-exitcode=99") is put in
# front of the binary, with longer timeouts.

set bin [lindex $argv 0]
set wrapper {}
set timeout 10
if {[info exists env(SA_WRAPPER)] && $env(SA_WRAPPER) ne ""} {
	set wrapper $env(SA_WRAPPER)
	set timeout 120
}
set tmpdir [exec mktemp -d]
set env(HOME) $tmpdir
set env(TERM) xterm
set env(NO_COLOR) 1
set env(LC_ALL) C
catch {unset env(SOCADVISE_RULES)}
log_user [expr {[info exists env(SA_PTY_VERBOSE)] ? 1 : 0}]

proc cleanup {} {
	global tmpdir
	file delete -force $tmpdir
}

proc fail {msg} {
	global expect_out
	puts stderr "FAIL: $msg"
	if {[info exists expect_out(buffer)]} {
		puts stderr "--- last output:\n$expect_out(buffer)\n---"
	}
	cleanup
	exit 1
}

proc pass {} {
	cleanup
	exit 0
}

expect_after {
	timeout { fail "timed out waiting for output" }
	eof { fail "the program ended unexpectedly" }
}

# start ARG...: spawn socadvise with these arguments on a new pseudo-terminal
proc start {args} {
	global bin wrapper spawn_id
	spawn -noecho {*}$wrapper $bin {*}$args
}

# start_sh COMMAND: spawn `sh -c COMMAND` on a pseudo-terminal; @BIN@ stands for the binary
proc start_sh {cmd} {
	global bin wrapper spawn_id
	set cmd [string map [list @BIN@ "$wrapper $bin"] $cmd]
	spawn -noecho sh -c $cmd
}

# question TEXT: wait for the next question (its progress mark, then its first words)
proc question {text} {
	expect -re {\[([0-9]+)/~([0-9]+)\] }
	expect -exact $text
}

# progress: the last progress mark seen, as {index estimate}
proc progress {} {
	global expect_out
	return [list $expect_out(1,string) $expect_out(2,string)]
}

proc reply {text} {
	send -- "$text\r"
}

# finish CODE: wait for the end and check the exit status
proc finish {code} {
	expect eof
	set st [wait]
	if {[lindex $st 2] != 0} {
		fail "could not get the exit status: $st"
	}
	if {[lindex $st 3] != $code} {
		fail "exit status [lindex $st 3], expected $code"
	}
}

proc read_file {path} {
	set f [open $path rb]
	set data [read $f]
	close $f
	return $data
}

proc write_file {path data} {
	set f [open $path wb]
	puts -nonewline $f $data
	close $f
}

# The questions of a payroll processor whose clients' auditors rely on it, with the replies
# that finish the interview (the defaults for role and service_org).
proc payroll_interview {} {
	question "Are you the service provider"
	expect -exact {[1-2, default 1] }
	reply ""
	question "Do you provide a service to other organizations"
	expect -exact {[Y/n] }
	reply ""
	question "Does the service process payroll"
	expect -exact {[y/n] }
	reply y
	question "Do clients' financial-statement auditors rely"
	reply y
	question "Does the service store, process or transmit customer data?"
	reply n
	question "Does the service host or operate systems"
	reply n
	question "Do customers or prospects ask you for security assurance?"
	reply n
	question "Will this be your first SOC examination?"
	reply n
	question "How many months lie between"
	reply 0
	question "Does the service rely on other providers"
	reply n
	question "Do your board, investors or regulators"
	reply n
	question "Do you produce, manufacture or distribute products"
	reply n
	expect "Done: 12 questions answered"
}
