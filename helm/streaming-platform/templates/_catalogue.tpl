{{- /* What the templates need of each catalogue job. Written by `java -jar k8s/target/k8s.jar sync-chart`
from the job catalogue (common/.../catalogue); a test in k8s/ fails when it differs. Do not edit. */ -}}
{{- define "sp.catalogue" -}}
events:
  entryClass: io.streamplatform.job.events.EventsJob
  defaultGroupId: streaming-platform-events
  defaultDelivery: exactly-once
  input: input
  otherInputs: []
  primaryOutput: output
  roles: [input, output, counts, dlq]
  written: [counts, dlq, output]
clickstream:
  entryClass: io.streamplatform.job.clickstream.ClickstreamJob
  defaultGroupId: streaming-platform-clickstream
  defaultDelivery: exactly-once
  input: input
  otherInputs: []
  primaryOutput: sessions
  roles: [input, sessions, funnel, trending, dlq]
  written: [dlq, funnel, sessions, trending]
grid:
  entryClass: io.streamplatform.job.grid.GridJob
  defaultGroupId: streaming-platform-grid
  defaultDelivery: exactly-once
  input: input
  otherInputs: []
  primaryOutput: aggregates
  roles: [input, aggregates, alerts, dlq]
  written: [aggregates, alerts, dlq]
logs:
  entryClass: io.streamplatform.job.logs.LogsJob
  defaultGroupId: streaming-platform-logs
  defaultDelivery: exactly-once
  input: input
  otherInputs: []
  primaryOutput: windows
  roles: [input, windows, alerts, dlq]
  written: [alerts, dlq, windows]
recommendations:
  entryClass: io.streamplatform.job.recommendations.RecommendationsJob
  defaultGroupId: streaming-platform-recommendations
  defaultDelivery: exactly-once
  input: watches
  otherInputs: [videos]
  primaryOutput: recommendations
  roles: [watches, videos, recommendations, dlq]
  written: [dlq, recommendations]
{{- end -}}
