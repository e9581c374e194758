package dev.shuttle.backend;

import dev.shuttle.server.Server;

/**
 * Sees, under the backend's lock, every slot handed out and the queue after every decision:
 * for tests that check who got a slot and when, and that nobody waits while a slot it could
 * take is free.
 */
interface SlotAudit {
    void grantedLocked(Server server, boolean balanced);

    /** After a decision: how many queued requests could take a free slot now (0, or a bug). */
    void settledLocked(int waitingDespiteAFreeSlot);

    SlotAudit NONE = new SlotAudit() {
        @Override
        public void grantedLocked(Server server, boolean balanced) {
        }

        @Override
        public void settledLocked(int waitingDespiteAFreeSlot) {
        }
    };
}
