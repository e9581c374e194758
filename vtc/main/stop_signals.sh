#!/bin/sh
# Run by stop_signals.vtc: starts $HAPROXY_PROGRAM three times on a unix socket in $1 (a scratch
# directory) and stops it with SIGTERM, SIGINT, and SIGINT again after a shell started it with
# SIGINT ignored, checking how it ends each time.
dir=$1
cat > "$dir/stop.cfg" <<CFG
defaults
    mode http
    timeout client 5s
    timeout server 5s
    timeout connect 1s
frontend fe
    bind unix@$dir/stop.sock
    http-request return status 200
CFG

# Starts the proxy in the background (run by "$@" when given), waits until it listens.
start() {
    rm -f "$dir/stop.sock"
    "$@" "$HAPROXY_PROGRAM" -d -f "$dir/stop.cfg" >"$dir/stop.log" 2>&1 &
    pid=$!
    for i in $(seq 100); do
        if [ -S "$dir/stop.sock" ]; then
            return 0
        fi
        sleep 0.1
    done
    cat "$dir/stop.log"
    exit 1
}

start
kill -TERM $pid
wait $pid
status=$?
if [ $status -ne 143 ]; then echo "SIGTERM: the shell saw $status, not 143"; exit 1; fi

start
kill -INT $pid
wait $pid
status=$?
if [ $status -ne 130 ]; then echo "SIGINT: the shell saw $status, not 130"; exit 1; fi

# A shell starts background jobs with SIGINT ignored; the proxy stops on it all the same.
start sh -c 'trap "" INT; exec "$0" "$@"'
kill -INT $pid
for i in $(seq 50); do
    kill -0 $pid 2>/dev/null || exit 0
    sleep 0.1
done
echo "SIGINT, ignored by the starting shell: still running"
kill -KILL $pid
exit 1
