package dev.lockstep.engine;

import java.util.List;


/**
 * One page of the history, as a {@link HistoryQuery} asked for it, with how many
 * changesets there are in all.
 *
 * @param entries the changesets of the page
 * @param total how many changesets the whole history has
 * @param offset how many changesets come before the page
 */
public record HistoryPage(List<HistoryEntry> entries, int total, int offset) {

}
