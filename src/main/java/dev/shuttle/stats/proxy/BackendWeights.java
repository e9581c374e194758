package dev.shuttle.stats.proxy;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.Server;
import java.util.List;

/**
 * A backend's {@code weight}, {@code uweight}, {@code act} and {@code bck} columns: the servers
 * the load balancer may pick now and their weights. The weight is the active servers' total, or,
 * when none is usable, the backups' (the first backup alone without {@code option allbackups}),
 * as HAProxy's lbprm.tot_weight; {@code uweight} adds up the user weights of the same servers
 * (the first backup's alone when no active server is usable: stats_fill_be_computesrv()).
 */
record BackendWeights(long weight, long userWeight, int active, int backup) {
    static BackendWeights of(Backend backend) {
        List<Server> servers = backend.servers();
        long activeWeight = 0;
        long backupWeight = 0;
        long firstBackupWeight = -1;
        int active = 0;
        int backup = 0;
        long activeUserWeight = 0;
        long firstBackupUserWeight = 0;
        for (Server server : servers) {
            if (!server.isUsable()) {
                continue;
            }
            if (server.isBackup()) {
                backup++;
                backupWeight += server.effectiveWeight();
                if (firstBackupWeight < 0) {
                    firstBackupWeight = server.effectiveWeight();
                    firstBackupUserWeight = server.weight();
                }
            } else {
                active++;
                activeWeight += server.effectiveWeight();
                activeUserWeight += server.weight();
            }
        }
        long weight = active > 0 ? activeWeight
                : backend.config().isOptionSet("allbackups") ? backupWeight : Math.max(firstBackupWeight, 0);
        long userWeight = active > 0 ? activeUserWeight : firstBackupUserWeight;
        return new BackendWeights(weight, userWeight, active, backup);
    }
}
