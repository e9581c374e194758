# Sourced by the bench/*.sh scripts: the nginx origin they all run, as scripts/bench's kit runs it
# (one worker, keep-alive without limit, a 64-byte answer at /small).
#
#   write_nginx_origin <dir> <port> [reuseport]
#
# writes <dir>/origin.conf (pid, error log and temporary files under <dir>); start it with
#   nginx -e <dir>/origin-error.log -c <dir>/origin.conf
write_nginx_origin() {
    local dir=$1 port=$2 reuseport=${3:+ reuseport}
    cat > "$dir/origin.conf" <<NGINX
daemon off;
worker_processes 1;
worker_rlimit_nofile 10000;
pid $dir/origin.pid;
error_log $dir/origin-error.log warn;
events { worker_connections 9000; multi_accept on; }
http {
    client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
    access_log off;
    keepalive_timeout 300s;
    keepalive_requests 100000000;
    default_type text/plain;
    server {
        listen 127.0.0.1:$port backlog=4096$reuseport;
        location = /small { return 200 "$(printf 'x%.0s' {1..63})\n"; }
    }
}
NGINX
}
