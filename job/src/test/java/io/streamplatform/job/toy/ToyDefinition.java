package io.streamplatform.job.toy;

import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.util.List;

/**
 * A job defined only in test scope, as a newcomer would add one: records {@code run,seq,word} come out as
 * {@code run,seq,WORD<suffix>}; anything else is dead-lettered. The proof that adding a job takes only these
 * classes, one registration line and a values entry: the tests see it in {@code --list-jobs}, run it verified in
 * local mode and render it with both Kubernetes renderers.
 */
public final class ToyDefinition extends JobDefinition<ToyOptions> {
    public static final TopicRole INPUT = TopicRole.input("input", "toy-in", 2, "Lines run,seq,word.");
    public static final TopicRole OUTPUT = TopicRole.output("output", "toy-out", 2, "The lines with the word upper-cased and suffixed.");
    public static final TopicRole DLQ = TopicRole.deadLetters("dlq", "toy-dlq", 1, "Lines that are not run,seq,word.");

    public ToyDefinition() {
        super("toy", "Test-scope toy: upper-cases the word of each run,seq,word line.", "io.streamplatform.job.toy.ToyJob",
                ToyOptions::new, List.of(INPUT, OUTPUT, DLQ));
    }

    @Override
    public RecordGenerator generator(GeneratorSettings settings) {
        return new ToyGenerator(settings);
    }

    @Override
    public boolean acceptsInput(byte[] value) {
        return ToyRecord.parse(value) != null;
    }

    @Override
    public Verifier verifier(ToyOptions options, RunFacts run) {
        return new ToyVerifier(options.suffix, run);
    }
}
