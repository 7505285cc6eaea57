#!/bin/sh
# Third-party libraries stay behind their own rooms: only the files listed here may include
# libyaml's <yaml.h>, cJSON's <cjson/cJSON.h>, yajl's headers or libcsv's <csv.h>. Everything else reaches those
# formats through the library's own functions. Fails, naming the file, when another file under
# src/ or include/ includes one of them, or when a permitted file is gone (so the list cannot go
# stale).
#
# usage: third_party_includes.sh SOURCE_DIR
set -u
root=${1:?usage: third_party_includes.sh SOURCE_DIR}
cd "$root" || exit 2

# <yaml.h>: the YAML rooms.
#   src/load_yaml.c    the rules loader's YAML access (the other loader stages see opaque nodes)
#   src/answers_yaml.c the answers reader's YAML part
#   src/yaml_out.c     the YAML writer (--format yaml)
#   src/yaml_guard.c   the first pass over parse events that bounds a YAML text's load
yaml_ok="src/load_yaml.c src/answers_yaml.c src/yaml_out.c src/yaml_guard.c"
# <cjson/cJSON.h>: the JSON rooms.
#   src/answers_json.c the answers reader's JSON part (and the answers writer, batch line scans)
#   src/json.c         the JSON writer's cJSON documents (questions, error lines, printing)
#   src/json_stream.c  the JSON document writer: a compact line streamed, or a cJSON tree
#   src/check_json.c   the JSON writer of --check and --verify reports
#   src/diff_out.c     the JSON form of a diff (--diff, --what-if)
cjson_ok="src/answers_json.c src/json.c src/json_stream.c src/check_json.c src/diff_out.c"
# <yajl/...>: the fast reader of batch lines.
#   src/answers_fast.c a flat object of answers without escapes, read with yajl's callbacks
yajl_ok="src/answers_fast.c"
# <csv.h>: the CSV rooms.
#   src/csv_in.c       the CSV reader (--batch FILE.csv)
#   src/csv_out.c      the CSV writer (--format csv)
csv_ok="src/csv_in.c src/csv_out.c"

status=0
check() { # HEADER_REGEX PERMITTED_FILES NAME
	for f in $2; do
		if [ ! -f "$f" ]; then
			echo "permitted file $f no longer exists: update this test"
			status=1
		fi
	done
	for f in $(grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($1)[>\"]" src include); do
		case " $2 " in
		*" $f "*) ;;
		*)
			echo "$f includes $3, which only these files may: $2"
			status=1
			;;
		esac
	done
}
check 'yaml\.h' "$yaml_ok" '<yaml.h>'
check '(cjson/)?cJSON\.h' "$cjson_ok" '<cjson/cJSON.h>'
check 'yajl/yajl_[a-z]+\.h' "$yajl_ok" 'a yajl header'
check 'csv\.h' "$csv_ok" '<csv.h>'
[ $status -eq 0 ] && echo "third-party headers are included only by their rooms"
exit $status
