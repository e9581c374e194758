# Sourced by the bench/*.sh count scripts: the Shuttle configuration they measure, the kit's
# (one frontend, one server, option httplog to stdout, the kit's timeouts).
#
#   write_shuttle_config <dir> <proxy port> <origin port>
#
# writes <dir>/shuttle.cfg; start it with  scripts/shuttle -db -f <dir>/shuttle.cfg
write_shuttle_config() {
    local dir=$1 port=$2 origin=$3
    cat > "$dir/shuttle.cfg" <<CFG
global
    maxconn 9000
    log stdout local0
defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 60s
frontend fe
    bind 127.0.0.1:$port
    default_backend be
backend be
    server origin 127.0.0.1:$origin
CFG
}
