package org.gbsettle.refdata.take;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;

/** A CDCA-I029 file as read: one block per GSP group and settlement date, in file order. */
public record TakeFile(String fileName, List<TakeFile.Block> blocks) {

    /**
     * One {@code AGV} block: the take of one GSP group and settlement date from one CDCA run.
     *
     * @param runType the CDCA run type the aggregation belongs to
     * @param cdcaRunNumber the CDCA run number, recorded in the run manifest
     * @param aggregationDate the date of aggregation
     * @param take the signed take per period (import +, export -), MWh 4 dp; periods without an {@code AGP} are missing
     * @param line the line of the {@code AGV} record
     */
    public record Block(
            GspGroup group,
            SettlementDate date,
            RunType runType,
            int cdcaRunNumber,
            LocalDate aggregationDate,
            GspGroupTake take,
            long line) {

        public Block {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(runType, "runType");
            Objects.requireNonNull(aggregationDate, "aggregationDate");
            Objects.requireNonNull(take, "take");
        }
    }

    public TakeFile {
        Objects.requireNonNull(fileName, "fileName");
        blocks = List.copyOf(blocks);
    }

    /** The take of a group and date, if the file has it. */
    public Optional<GspGroupTake> take(GspGroup group, SettlementDate date) {
        return blocks.stream()
                .filter(b -> b.group().equals(group) && b.date().equals(date))
                .map(Block::take)
                .findFirst();
    }
}
