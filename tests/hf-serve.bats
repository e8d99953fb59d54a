#!/usr/bin/env bats
# hf-serve: the Hub's wire behaviour over real HTTP, driven with curl.
load helper

setup() { start_serve --aliases "$FIX/hub-small.aliases" --token valid --grant granted "$SNAP"; }

# page_walk URL: follow Link rel=next to the end; ids on stdout.
page_walk() {
	local url=$1 n=0
	while [ -n "$url" ] && [ $n -lt 100 ]; do
		curl -sS -D "$BATS_TEST_TMPDIR/h" "$url" -o "$BATS_TEST_TMPDIR/b"
		ids "$BATS_TEST_TMPDIR/b"
		url=$(sed -n 's/^[Ll]ink: <\(.*\)>; rel="next".*/\1/p' "$BATS_TEST_TMPDIR/h" | tr -d '\r')
		n=$((n + 1))
	done
}

@test "the first line is the URL; a full walk returns every id once, in downloads order" {
	[[ "$SERVE_URL" =~ ^http://127\.0\.0\.1:[0-9]+$ ]]
	page_walk "$SERVE_URL/api/models?sort=downloads&limit=700&expand=downloads" > "$BATS_TEST_TMPDIR/ids"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/ids")" -eq 3013 ]
	[ "$(sort -u "$BATS_TEST_TMPDIR/ids" | wc -l)" -eq 3013 ]
	by_downloads > "$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/ids" "$BATS_TEST_TMPDIR/want"
}

@test "every sort: descending, ties by _id; without sort, trendingScore (the real models have one), then _id" {
	for key in likes createdAt lastModified downloadsAllTime; do
		page_walk "$SERVE_URL/api/models?sort=$key&limit=1000&direction=-1" > "$BATS_TEST_TMPDIR/got"
		case $key in
		createdAt | lastModified)
			sed "s/^{\"_id\":\"\([^\"]*\)\",\"id\":\"\([^\"]*\)\".*\"$key\":\"\([^\"]*\)\".*/\3 \1 \2/" "$SNAP" |
			    LC_ALL=C sort -k1,1r -k2,2 | cut -d' ' -f3 > "$BATS_TEST_TMPDIR/want" ;;
		*)
			sed "s/^{\"_id\":\"\([^\"]*\)\",\"id\":\"\([^\"]*\)\".*\"$key\":\([0-9]*\).*/\3 \1 \2/" "$SNAP" |
			    LC_ALL=C sort -k1,1nr -k2,2 | cut -d' ' -f3 > "$BATS_TEST_TMPDIR/want" ;;
		esac
		cmp "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
	done
	page_walk "$SERVE_URL/api/models?limit=1000" > "$BATS_TEST_TMPDIR/got"
	{ grep '"trendingScore":' "$SNAP" |
	      sed 's/^{"_id":"\([^"]*\)","id":"\([^"]*\)".*"trendingScore":\([0-9.]*\).*/\3 \1 \2/' |
	      LC_ALL=C sort -k1,1nr -k2,2 | cut -d' ' -f3
	  grep -v '"trendingScore":' "$SNAP" | cut -d'"' -f4,8 | LC_ALL=C sort | cut -d'"' -f2; } > "$BATS_TEST_TMPDIR/want"
	[ "$(head -n 1 "$BATS_TEST_TMPDIR/want")" = Qwen/Qwen3-8B ]
	cmp "$BATS_TEST_TMPDIR/got" "$BATS_TEST_TMPDIR/want"
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/api/models?sort=bogus"
	[ "$output" = 400 ]
}

@test "the Link is absolute, has a space after ';', keeps the query and adds the cursor" {
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/api/models?filter=text-generation&expand[]=downloads&expand=config&limit=2&sort=likes"
	assert_line --regexp "^Link: <$SERVE_URL/api/models\?filter=text-generation&expand\[\]=downloads&expand=config&limit=2&sort=likes&cursor=[A-Za-z0-9+/]+(%3D)*>; rel=\"next\""
}

@test "without sort the next link carries sort=trendingScore" {
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/api/models?limit=5"
	assert_line --partial "sort=trendingScore&cursor="
}

@test "filter matches tags (all of them), author, search, pipeline_tag, gated" {
	want=$(grep -c '"tags":\[[^]]*"text2text-generation"' "$SNAP")
	got=$(page_walk "$SERVE_URL/api/models?filter=text2text-generation&limit=1000" | wc -l)
	[ "$got" -eq "$want" ]
	[ "$got" -gt 0 ]
	got=$(page_walk "$SERVE_URL/api/models?filter=text2text-generation&filter=gpt2" | wc -l)
	[ "$got" -eq 0 ]
	want=$(grep -c '"author":"google"' "$SNAP")
	got=$(page_walk "$SERVE_URL/api/models?author=google" | wc -l)
	[ "$got" -eq "$want" ]
	got=$(page_walk "$SERVE_URL/api/models?search=MIXTRAL" | wc -l)
	[ "$got" -eq "$(grep -ci '"id":"[^"]*mixtral' "$SNAP")" ]
	got=$(page_walk "$SERVE_URL/api/models?pipeline_tag=image-text-to-text" | wc -l)
	[ "$got" -eq "$(grep -c '"pipeline_tag":"image-text-to-text"' "$SNAP")" ]
	got=$(page_walk "$SERVE_URL/api/models?gated=true" | wc -l)
	[ "$got" -eq "$(grep -c '"gated":"' "$SNAP")" ]
}

@test "num_parameters selects by safetensors total" {
	run -0 curl -sS "$SERVE_URL/api/models?num_parameters=min:60B&expand=safetensors&limit=1000"
	[ -n "$(echo "$output" | grep -o '"total":[0-9]*')" ]
	echo "$output" | grep -o '"total":[0-9]*' | cut -d: -f2 | awk '$1 < 60000000000 { bad = 1 } END { exit bad }'
}

@test "expand returns only _id, id and the properties asked for; unknown expand is 400" {
	run -0 curl -sS "$SERVE_URL/api/models?expand=downloads&expand=likes&limit=50"
	[ -z "$(echo "$output" | grep -o '"[a-zA-Z_]*":' | sort -u | grep -vx -e '"_id":' -e '"id":' -e '"downloads":' -e '"likes":')" ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/api/models?expand=nonsense"
	[ "$output" = 400 ]
}

@test "API routes return the curated config; resolve returns the whole config.json" {
	id=$(grep -m1 '"hidden_size"' "$SNAP" | cut -d'"' -f8)
	run -0 curl -sS "$SERVE_URL/api/models/$id?expand=config"
	[[ "$output" == *'"architectures"'* ]]
	[[ "$output" != *'"hidden_size"'* ]]
	run -0 curl -sS "$SERVE_URL/$id/resolve/main/config.json"
	[[ "$output" == *'"hidden_size"'* ]]
}

@test "limit is the page size, capped at 1000; a bad limit or cursor is 400" {
	run -0 curl -sS "$SERVE_URL/api/models?limit=5000&expand=downloads"
	[ "$(echo "$output" | grep -o '"_id"' | wc -l)" -eq 1000 ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/api/models?limit=abc"
	[ "$output" = 400 ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/api/models?cursor=garbage!"
	[ "$output" = 400 ]
}

@test "named models: namespaced, revision HEAD, 404 with a token, 401 anonymous, 307 for a renamed one" {
	id=$(head -n 1 "$SNAP" | cut -d'"' -f8)
	run -0 curl -sS "$SERVE_URL/api/models/$id/revision/HEAD?expand[]=downloads"
	[[ "$output" == '{"_id":'*"\"id\":\"$id\",\"downloads\":"* ]]
	run -0 curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer valid' "$SERVE_URL/api/models/nobody/nothing"
	[ "$output" = 404 ]
	run -0 curl -sS -D - -o /dev/null -H 'Authorization: Bearer valid' "$SERVE_URL/api/models/nobody/nothing"
	assert_line --partial "X-Error-Code: RepoNotFound"
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/api/models/nobody/nothing"
	[ "$output" = 401 ]
	old=$(head -n 1 "$FIX/hub-small.aliases" | cut -f1)
	new=$(head -n 1 "$FIX/hub-small.aliases" | cut -f2)
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/api/models/$old"
	assert_line --partial "307"
	assert_line --partial "Location: /api/models/$new"
	run -0 curl -sSL "$SERVE_URL/api/models/$old"
	[[ "$output" == *"\"id\":\"$new\""* ]]
}

@test "an invalid token is 401 with the Hub's message" {
	run -0 curl -sS -D - -H 'Authorization: Bearer wrong' "$SERVE_URL/api/models?limit=1"
	assert_line --partial "401"
	assert_line --partial "X-Error-Message: Invalid credentials in Authorization header"
}

@test "gated config.json: 401 anonymous, 403 without access, 200 with a grant" {
	id=$(grep -m1 '"gated":"' "$SNAP" | grep '"config":{"architectures":\["' | cut -d'"' -f8)
	[ -n "$id" ] || id=$(grep '"gated":"' "$SNAP" | grep -m1 '"hidden_size"\|"n_embd"\|"d_model"' | cut -d'"' -f8)
	run -0 curl -sS -D - -o /dev/null "$SERVE_URL/$id/resolve/main/config.json"
	assert_line --partial "401"
	assert_line --partial "X-Error-Code: GatedRepo"
	run -0 curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer valid' "$SERVE_URL/$id/resolve/main/config.json"
	[ "$output" = 403 ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer granted' "$SERVE_URL/$id/resolve/main/config.json"
	[ "$output" = 200 ]
}

@test "config.json: GET and HEAD each count one download; Range gives 206; ETag and X-Repo-Commit" {
	id=$(grep '"gated":false' "$SNAP" | grep -m1 '"hidden_size"' | cut -d'"' -f8)
	curl -sS -o /dev/null "$SERVE_URL/$id/resolve/main/config.json"
	run -0 curl -sS -I "$SERVE_URL/$id/resolve/HEAD/config.json"
	assert_line --regexp '^ETag: "[0-9a-f]+"'
	assert_line --regexp '^X-Repo-Commit: [0-9a-f]{40}'
	run -0 curl -sS -D - -r 0-9 "$SERVE_URL/$id/resolve/main/config.json"
	assert_line --partial "206"
	assert_line --regexp '^Content-Range: bytes 0-9/[0-9]+'
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *"\"downloads\":{\"$id\":3}"* ]]
	[[ "$output" == *'"requests":{"list":0,"model":0,"resolve":3,'* ]]
	[[ "$output" == *'"auth_seen":{"list":false'* ]]
}

@test "config.json: If-None-Match with its ETag is 304 without a body, and counts a download" {
	id=$(grep '"gated":false' "$SNAP" | grep -m1 '"hidden_size"' | cut -d'"' -f8)
	etag=$(curl -sS -I "$SERVE_URL/$id/resolve/main/config.json" | tr -d '\r' | sed -n 's/^ETag: //p')
	[ -n "$etag" ]
	run -0 curl -sS -D - -o "$BATS_TEST_TMPDIR/b" -H "If-None-Match: W/$etag" "$SERVE_URL/$id/resolve/main/config.json"
	assert_line --partial "304"
	assert_line "ETag: $etag"$'\r'
	[ ! -s "$BATS_TEST_TMPDIR/b" ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' -H 'If-None-Match: "0"' "$SERVE_URL/$id/resolve/main/config.json"
	[ "$output" = 200 ]
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *"\"downloads\":{\"$id\":3}"* ]]
}

@test "gzip when asked" {
	run -0 curl -sS -D - -o /dev/null -H 'Accept-Encoding: gzip' "$SERVE_URL/api/models?limit=20"
	assert_line --partial "Content-Encoding: gzip"
	a=$(curl -sS --compressed "$SERVE_URL/api/models?limit=20")
	b=$(curl -sS "$SERVE_URL/api/models?limit=20")
	[ "$a" = "$b" ]
}

@test "one connection serves request after request, with --latency too; /_stats?connections counts them" {
	run -0 curl -sS -o /dev/null -o /dev/null -w '%{num_connects}\n' \
	    "$SERVE_URL/api/models?limit=2" "$SERVE_URL/api/models?limit=3"
	[ "$output" = "$(printf '1\n0')" ]
	start_serve --latency 50 "$SNAP"
	run -0 curl -sS -o /dev/null -o /dev/null -o /dev/null -w '%{num_connects}\n' \
	    "$SERVE_URL/api/models?limit=2" "$SERVE_URL/api/models?limit=3" \
	    "$SERVE_URL/no/such/route"
	[ "$output" = "$(printf '1\n0\n0')" ]
	run -0 curl -sS "$SERVE_URL/_stats?connections"
	[ "$output" = 2 ] # curl's, and this one's
	run -0 curl -sS "$SERVE_URL/_stats"
	[[ "$output" == *'"connections":3,'* ]]
}

@test "SIGTERM ends the server with status 0" {
	kill -TERM "$SERVE_PID"
	st=0
	wait "$SERVE_PID" || st=$?
	SERVE_PID=
	[ "$st" -eq 0 ]
}

@test "--url-file: the URL appears whole once the server listens, and on standard output" {
	f="$BATS_TEST_TMPDIR/url"
	echo "http://stale.invalid:1" > "$f"
	hf-serve --port 0 --url-file "$f" "$SNAP" > "$BATS_TEST_TMPDIR/out2" 2>&1 3>&- &
	pid=$!
	for ((i = 0; i < 200; i++)); do
		[ "$(cat "$f")" != "http://stale.invalid:1" ] && break
		sleep 0.05
	done
	url=$(cat "$f")
	[ "$(wc -l < "$f")" -eq 1 ]
	[[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]]
	[ "$url" != "$SERVE_URL" ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$url/api/models?limit=1"
	[ "$output" = 200 ]
	[ "$(head -n 1 "$BATS_TEST_TMPDIR/out2")" = "$url" ]
	[ -z "$(find "$BATS_TEST_TMPDIR" -name 'url?*')" ]
	kill -TERM "$pid"
	wait "$pid"
	run -4 --separate-stderr hf-serve --port 0 --url-file "$BATS_TEST_TMPDIR/no/such/dir/url" "$SNAP"
	[ "$stderr" = "hf-serve: cannot write $BATS_TEST_TMPDIR/no/such/dir/url: No such file or directory" ]
	[ -z "$output" ]
}

@test "it listens on loopback unless --bind says otherwise; bad options exit 2" {
	[[ "$SERVE_URL" == http://127.0.0.1:* ]]
	run -2 hf-serve --fail-rate 2 "$SNAP"
	run -2 hf-serve --rate-limit x "$SNAP"
	run -2 hf-serve
	run -0 hf-serve -h
	[[ "$output" == usage:* ]]
	run -4 hf-serve --port 0 /nonexistent
}

@test "/_stats?requests=ROUTE is that count as text; an unknown route is 400" {
	curl -sS -o /dev/null "$SERVE_URL/api/models?limit=1"
	curl -sS -o /dev/null "$SERVE_URL/api/models?limit=2"
	run -0 curl -sS "$SERVE_URL/_stats?requests=list"
	[ "$output" = 2 ]
	run -0 curl -sS -o /dev/null -w '%{http_code}' "$SERVE_URL/_stats?requests=bogus"
	[ "$output" = 400 ]
}

@test "a port in use or an address not of this machine: status 4, one line saying why" {
	start_serve "$SNAP"
	port=${SERVE_URL##*:}
	run -4 --separate-stderr hf-serve --port "$port" "$SNAP"
	[ "$stderr" = "hf-serve: cannot listen on 127.0.0.1 port $port: Address already in use" ]
	run -4 --separate-stderr hf-serve --bind 192.0.2.1 "$SNAP"
	[ "$stderr" = "hf-serve: cannot listen on 192.0.2.1 port 0: Cannot assign requested address" ]
}
