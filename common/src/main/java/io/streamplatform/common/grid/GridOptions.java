package io.streamplatform.common.grid;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The grid job's own options, after the shared ones: the aggregate window, the rules' thresholds and the episode timing. */
public final class GridOptions extends JobOptions {
    @Option(names = "--aggregate-window", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.Converter.class,
            description = "Tumbling event-time window of the per-substation aggregates (count, min/avg/max of each quantity).")
    public Duration aggregateWindow;

    @Option(names = "--nominal-voltage", paramLabel = "VOLTS", defaultValue = "230",
            description = "Nominal voltage of the sensors' lines.")
    public double nominalVoltage;

    @Option(names = "--voltage-tolerance", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Allowed deviation from the nominal voltage as a fraction (0.1 = ±10 percent); beyond it a reading is over- or under-voltage.")
    public double voltageTolerance;

    @Option(names = "--nominal-frequency", paramLabel = "HZ", defaultValue = "50",
            description = "Nominal grid frequency.")
    public double nominalFrequency;

    @Option(names = "--max-frequency-deviation", paramLabel = "HZ", defaultValue = "0.5",
            description = "A reading further than this from the nominal frequency is a frequency excursion.")
    public double maxFrequencyDeviation;

    @Option(names = "--max-temperature", paramLabel = "CELSIUS", defaultValue = "90",
            description = "A reading above this temperature is over-temperature.")
    public double maxTemperature;

    @Option(names = "--warning-temperature", paramLabel = "CELSIUS", defaultValue = "75",
            description = "A reading at or above this temperature followed by an over-current within --overload-window is an overload; below --max-temperature.")
    public double warningTemperature;

    @Option(names = "--max-current", paramLabel = "AMPERES", defaultValue = "400",
            description = "A current above this after a hot reading is an overload.")
    public double maxCurrent;

    @Option(names = "--surge-readings", paramLabel = "N", defaultValue = "3",
            description = "This many over-voltage readings of one sensor within --surge-window are a voltage surge (at least 2).")
    public int surgeReadings;

    @Option(names = "--surge-window", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Event time within which --surge-readings over-voltage readings make a surge.")
    public Duration surgeWindow;

    @Option(names = "--overload-window", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.Converter.class,
            description = "Event time within which a hot reading and an over-current make an overload.")
    public Duration overloadWindow;

    @Option(names = "--silence-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.Converter.class,
            description = "A sensor without readings for this long (in event time) is silent; the alert resolves when it reads again.")
    public Duration silenceTimeout;

    @Option(names = "--episode-gap", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.Converter.class,
            description = "Detections of one kind on one sensor closer than this are one episode (one firing, one resolved alert); "
                    + "an episode resolves this long after its last detection.")
    public Duration episodeGap;

    @Override
    protected void validateJob(Problems p) {
        p.check(positive(aggregateWindow), "--aggregate-window must be > 0");
        p.check(finite(nominalVoltage) && nominalVoltage > 0, "--nominal-voltage must be > 0");
        p.check(finite(voltageTolerance) && voltageTolerance > 0 && voltageTolerance < 1, "--voltage-tolerance must be > 0 and < 1");
        p.check(finite(nominalFrequency) && nominalFrequency > 0, "--nominal-frequency must be > 0");
        p.check(finite(maxFrequencyDeviation) && maxFrequencyDeviation > 0 && maxFrequencyDeviation < nominalFrequency,
                "--max-frequency-deviation must be > 0 and < --nominal-frequency");
        p.check(finite(maxTemperature) && maxTemperature > -273.15, "--max-temperature must be above absolute zero (-273.15)");
        p.check(finite(warningTemperature) && warningTemperature > -273.15, "--warning-temperature must be above absolute zero (-273.15)");
        p.check(warningTemperature < maxTemperature, "--warning-temperature must be < --max-temperature");
        p.check(finite(maxCurrent) && maxCurrent > 0, "--max-current must be > 0");
        p.check(surgeReadings >= 2, "--surge-readings must be >= 2");
        p.check(positive(surgeWindow), "--surge-window must be > 0");
        p.check(positive(overloadWindow), "--overload-window must be > 0");
        p.check(positive(silenceTimeout), "--silence-timeout must be > 0");
        p.check(positive(episodeGap), "--episode-gap must be > 0");
    }

    private static boolean finite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    /** The thresholds in thousandths, as the rules compare them with readings. */
    public Thresholds thresholds() {
        return new Thresholds(
                Fixed.of(nominalVoltage * (1 + voltageTolerance)),
                Fixed.of(nominalVoltage * (1 - voltageTolerance)),
                Fixed.of(nominalFrequency),
                Fixed.of(maxFrequencyDeviation),
                Fixed.of(maxTemperature),
                Fixed.of(warningTemperature),
                Fixed.of(maxCurrent));
    }

    /**
     * The rules' limits in thousandths (what {@link Reading} holds). A reading is over-voltage above {@code overVoltage},
     * under-voltage below {@code underVoltage}, a frequency excursion when further than {@code maxFrequencyDeviation} from
     * {@code nominalFrequency}, over-temperature above {@code maxTemperature}; hot at or above {@code warningTemperature};
     * over-current above {@code maxCurrent}.
     */
    public record Thresholds(long overVoltage, long underVoltage, long nominalFrequency, long maxFrequencyDeviation,
                             long maxTemperature, long warningTemperature, long maxCurrent) implements java.io.Serializable {
        public boolean overVoltage(Reading r) {
            return r.voltage > overVoltage;
        }

        public boolean underVoltage(Reading r) {
            return r.voltage < underVoltage;
        }

        public boolean frequencyExcursion(Reading r) {
            return Math.abs(r.frequency - nominalFrequency) > maxFrequencyDeviation;
        }

        public boolean overTemperature(Reading r) {
            return r.temperature > maxTemperature;
        }

        public boolean hot(Reading r) {
            return r.temperature >= warningTemperature;
        }

        public boolean overCurrent(Reading r) {
            return r.current > maxCurrent;
        }
    }
}
