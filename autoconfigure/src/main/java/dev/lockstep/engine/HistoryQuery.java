package dev.lockstep.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Which page of the history to show: up to {@code limit} changesets from {@code offset}
 * on, in the given order.
 *
 * @param limit the most changesets on the page, or {@code null} for all from the offset
 * @param offset how many changesets to skip
 * @param newestFirst whether the changelog's last changeset comes first
 */
public record HistoryQuery(@Nullable Integer limit, int offset, boolean newestFirst) {

	/**
	 * Every changeset, in changelog order.
	 */
	public static final HistoryQuery ALL_IN_ORDER = new HistoryQuery(null, 0, false);

	/**
	 * Read a query as a person gave it.
	 * @param limit the most changesets on the page, or {@code null} for all
	 * @param offset how many to skip, or {@code null} for none
	 * @param order {@code newest-first} or {@code oldest-first}, or {@code null} for the
	 * default
	 * @param newestFirstByDefault the order when none is given
	 * @return the query
	 * @throws OperationRefusedException if the limit or offset is negative or the order
	 * unknown
	 */
	public static HistoryQuery of(@Nullable Integer limit, @Nullable Integer offset, @Nullable String order,
			boolean newestFirstByDefault) {
		if ((limit != null && limit < 0) || (offset != null && offset < 0)) {
			throw new OperationRefusedException(Reason.INVALID_PAGE,
					"A history page needs a limit and an offset of 0 or more, not limit " + limit + " and offset "
							+ offset);
		}
		boolean newestFirst = switch ((order != null) ? order.toLowerCase(Locale.ROOT) : "") {
			case "" -> newestFirstByDefault;
			case "newest-first" -> true;
			case "oldest-first" -> false;
			default -> throw new OperationRefusedException(Reason.INVALID_PAGE,
					"No such order '" + order + "': use newest-first or oldest-first");
		};
		return new HistoryQuery(limit, (offset != null) ? offset : 0, newestFirst);
	}

	/**
	 * Take the page out of changesets.
	 * @param changeSets the changesets, in changelog order
	 * @return the page
	 */
	public HistoryPage page(List<HistoryEntry> changeSets) {
		List<HistoryEntry> ordered = changeSets;
		if (this.newestFirst) {
			ordered = new ArrayList<>(changeSets);
			Collections.reverse(ordered);
		}
		int from = Math.min(this.offset, ordered.size());
		int to = (this.limit != null) ? (int) Math.min((long) from + this.limit, ordered.size()) : ordered.size();
		return new HistoryPage(List.copyOf(ordered.subList(from, to)), ordered.size(), from);
	}

}
