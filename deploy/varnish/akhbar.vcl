# deploy/varnish/akhbar.vcl: Varnish in front of akhbar.
#
# akhbar names what every public response shows in an xkey header (article
# a12, its comments c12, the section list s3, "site" for the settings and
# navigation...) and, on every change, sends PURGE with "xkey-purge: KEYS"
# to each `serve --purge URL`: run akhbar with
#   akhbar serve --listen 127.0.0.1:8080 --purge http://127.0.0.1:6081/
# Because purges keep it fresh, Varnish keeps pages for a week, and serves
# them for six hours more (grace) while akhbar restarts.
#
# Needs Varnish 6 or 7 with xkey (Debian: varnish, varnish-modules).
vcl 4.1;

import std;
import xkey;

backend akhbar {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/robots.txt";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;           # healthy from the start
    }
}

# Who may purge: akhbar on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, searches and each reader's comment token are never kept.
    if (req.url ~ "^/admin" || req.url ~ "^/search" || req.url ~ "/comment/token$") {
        return (pass);
    }
    # Public pages are the same for every reader: a cookie changes nothing.
    unset req.http.Cookie;
    # Trackers do not make another page (akhbar drops them too).
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid)=[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    set req.url = regsub(req.url, "\?&+", "?");
}

sub vcl_backend_response {
    if (beresp.http.xkey && beresp.status == 200) {
        set beresp.ttl = 7d;
        set beresp.grace = 6h;
    } elsif (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
    }
}

sub vcl_deliver {
    # Readers' browsers keep akhbar's own Cache-Control; the keys are ours.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    if (!req.http.x-debug-keys) {
        unset resp.http.xkey;
    }
}
