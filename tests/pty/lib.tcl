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
		puts stderr "--- last match:\n$expect_out(buffer)\n---"
	}
	# and what came after it
	catch {expect_after}
	catch {
		expect -timeout 1 -re {.+} {
			puts stderr "--- unmatched output:\n$expect_out(buffer)\n---"
		}
	}
	cleanup
	exit 1
}

proc pass {} {
	cleanup
	exit 0
}

# timeouts and an early end fail the test (declared per spawn: expect_after binds spawn ids)
proc guard {} {
	global spawn_id
	expect_after {
		timeout { fail "timed out waiting for output" }
		eof { fail "the program ended unexpectedly" }
	}
}

# start ARG...: spawn socadvise with these arguments on a new pseudo-terminal
proc start {args} {
	global bin wrapper spawn_id
	spawn -noecho {*}$wrapper $bin {*}$args
	guard
}

# start_sh COMMAND: spawn `sh -c COMMAND` on a pseudo-terminal; @BIN@ stands for the binary
proc start_sh {cmd} {
	global bin wrapper spawn_id
	set cmd [string map [list @BIN@ "$wrapper $bin"] $cmd]
	spawn -noecho sh -c $cmd
	guard
}

# question TEXT: wait for the next question (its progress mark, then its first words) and its
# prompt; the prompt is kept for check_prompt and the lines between them for check_body
proc question {text} {
	global last_progress last_prompt last_body
	expect -re {\[([0-9]+)/~([0-9]+)\] }
	set last_progress [list $expect_out(1,string) $expect_out(2,string)]
	expect -exact $text
	wait_prompt
	set last_body $expect_out(1,string)
}

# wait_prompt: wait until a reply prompt ("[y/N] ", "[1-2/u, default 1] ", "[0-120] ") is shown
proc wait_prompt {} {
	global last_prompt expect_out
	expect -re {(.*)(\[[-0-9A-Za-z/, ]*\] )$}
	set last_prompt $expect_out(2,string)
	uplevel 1 [list set expect_out(1,string) $expect_out(1,string)]
}

proc check_prompt {want} {
	global last_prompt
	if {$last_prompt ne $want} { fail "prompt '$last_prompt', expected '$want'" }
}

proc check_body {pattern} {
	global last_body
	if {![string match $pattern $last_body]} { fail "no '$pattern' in '$last_body'" }
}

# progress: the last progress mark seen, as {index estimate}
proc progress {} {
	global last_progress
	return $last_progress
}

# key CHAR: type a control key (Ctrl-C, Ctrl-D) at the prompt now shown. libedit prints the
# first prompt before it switches the terminal to its editing mode; a Ctrl-D typed inside that
# window (no person is that fast) would reach it as a NUL, so wait a moment first.
proc key {k} {
	global wrapper
	after [expr {$wrapper eq "" ? 100 : 500}]
	send -- $k
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

# checklist TEXT: wait for a checklist (its progress mark, then its first words) and its prompt
proc checklist {text} {
	global last_progress last_prompt last_body
	expect -re {\[([0-9]+)/~([0-9]+)\] }
	set last_progress [list $expect_out(1,string) $expect_out(2,string)]
	expect -exact $text
	wait_prompt
	set last_body $expect_out(1,string)
	if {![string match {\[numbers*} $last_prompt]} { fail "not a checklist: '$last_prompt'" }
}

# The questions of a payroll processor whose clients' auditors rely on it, with the replies
# that finish the interview (the defaults for role and service_org): the questions that
# decide the most come first, and the financial services are a checklist.
proc payroll_interview {} {
	question "Are you the service provider"
	check_prompt {[1-2/u, default 1] }
	reply ""
	question "Do you provide a service to other organizations"
	check_prompt {[Y/n/u] }
	reply ""
	question "Does the service host or operate systems"
	check_prompt {[y/n/u] }
	reply n
	question "Does the service store, process or transmit customer data"
	reply n
	question "Do customers or prospects ask you for security assurance"
	reply n
	checklist "Which of these does the service do for client organizations?"
	check_prompt {[numbers 1-3/n/u] }
	check_body "*1) payroll processing*"
	reply 1
	question "Will this be your first SOC examination?"
	reply n
	question "Does the service rely on other providers"
	reply n
	checklist "Do you also want any of these?"
	reply n
	question "How many months lie between"
	reply 0
	question "Was your latest SOC 1 or SOC 2 report a Type 1 or a Type 2?"
	reply ""
	question "Do customers outside the United States"
	reply n
	expect "Done: 12 questions answered"
}
