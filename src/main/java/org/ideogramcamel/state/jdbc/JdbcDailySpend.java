package org.ideogramcamel.state.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.ideogramcamel.OneLine;
import org.ideogramcamel.budget.BudgetLimits;
import org.ideogramcamel.budget.DailySpend;
import org.ideogramcamel.budget.LedgerUnavailableException;
import org.ideogramcamel.budget.SpendLedger;

/**
 * The daily budget shared by every instance: one row per UTC day in {@code ideogram_daily_spend}. A reservation is a
 * single {@code INSERT … ON CONFLICT DO UPDATE … WHERE <caps still hold>}: PostgreSQL locks the day's row and checks
 * the caps against its latest total, so N instances reserving at once never take more than
 * {@code ideogram.budget.max-spend} / {@code max-images} together.
 */
public final class JdbcDailySpend implements SpendLedger {

    private static final String RESERVE = """
            INSERT INTO ideogram_daily_spend AS d (day, spent, images, updated_at)
            SELECT ?, ?, ?, now()
             WHERE (CAST(? AS NUMERIC) IS NULL OR CAST(? AS NUMERIC) <= CAST(? AS NUMERIC))
               AND (CAST(? AS INTEGER) IS NULL OR CAST(? AS INTEGER) <= CAST(? AS INTEGER))
            ON CONFLICT (day) DO UPDATE
               SET spent = d.spent + EXCLUDED.spent, images = d.images + EXCLUDED.images, updated_at = now()
             WHERE (CAST(? AS NUMERIC) IS NULL OR d.spent + EXCLUDED.spent <= CAST(? AS NUMERIC))
               AND (CAST(? AS INTEGER) IS NULL OR d.images + EXCLUDED.images <= CAST(? AS INTEGER))
            RETURNING spent, images""";
    private static final String RELEASE = """
            UPDATE ideogram_daily_spend
               SET spent = GREATEST(spent - ?, 0), images = GREATEST(images - ?, 0), updated_at = now()
             WHERE day = ?
            RETURNING spent, images""";
    private static final String LOAD = "SELECT spent, images FROM ideogram_daily_spend WHERE day = ?";

    private final DataSource dataSource;

    public JdbcDailySpend(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public DailySpend load(LocalDate day) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement load = connection.prepareStatement(LOAD)) {
            load.setDate(1, Date.valueOf(day));
            return read(day, load).orElse(DailySpend.empty(day));
        } catch (SQLException e) {
            throw failure("read", day, e);
        }
    }

    @Override
    public Optional<DailySpend> reserve(LocalDate day, BigDecimal cost, int images, BudgetLimits limits) {
        BigDecimal maxSpend = limits.maxSpend();
        Integer maxImages = limits.maxImages();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
            int i = 0;
            reserve.setDate(++i, Date.valueOf(day));
            reserve.setBigDecimal(++i, cost);
            reserve.setInt(++i, images);
            // the first reservation of the day must fit too
            reserve.setObject(++i, maxSpend, Types.NUMERIC);
            reserve.setBigDecimal(++i, cost);
            reserve.setObject(++i, maxSpend, Types.NUMERIC);
            reserve.setObject(++i, maxImages, Types.INTEGER);
            reserve.setInt(++i, images);
            reserve.setObject(++i, maxImages, Types.INTEGER);
            // every later one against the day's total as it is when the row is locked
            reserve.setObject(++i, maxSpend, Types.NUMERIC);
            reserve.setObject(++i, maxSpend, Types.NUMERIC);
            reserve.setObject(++i, maxImages, Types.INTEGER);
            reserve.setObject(++i, maxImages, Types.INTEGER);
            return read(day, reserve);
        } catch (SQLException e) {
            throw failure("reserve against", day, e);
        }
    }

    @Override
    public DailySpend release(LocalDate day, BigDecimal cost, int images) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setBigDecimal(1, cost);
            release.setInt(2, images);
            release.setDate(3, Date.valueOf(day));
            return read(day, release).orElse(DailySpend.empty(day));
        } catch (SQLException e) {
            throw failure("release from", day, e);
        }
    }

    private static Optional<DailySpend> read(LocalDate day, PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(new DailySpend(day, row.getBigDecimal(1), row.getInt(2)))
                    : Optional.empty();
        }
    }

    private static LedgerUnavailableException failure(String what, LocalDate day, SQLException e) {
        return new LedgerUnavailableException("could not " + what + " the budget of " + day + " in the state database ("
                + OneLine.of(String.valueOf(e.getMessage()), 200) + "); check ideogram.state.jdbc.url", e);
    }
}
