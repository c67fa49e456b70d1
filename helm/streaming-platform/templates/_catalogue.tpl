{{- /* What the templates need of each catalogue job. Written by `java -jar k8s/target/k8s.jar sync-chart`
from the job catalogue (common/.../catalogue); a test in k8s/ fails when it differs. Do not edit. */ -}}
{{- define "sp.catalogue" -}}
events:
  entryClass: io.streamplatform.job.events.EventsJob
  defaultGroupId: streaming-platform-events
  input: input
  otherInputs: []
  primaryOutput: output
  written: [counts, dlq, output]
clickstream:
  entryClass: io.streamplatform.job.clickstream.ClickstreamJob
  defaultGroupId: streaming-platform-clickstream
  input: input
  otherInputs: []
  primaryOutput: sessions
  written: [dlq, funnel, sessions, trending]
grid:
  entryClass: io.streamplatform.job.grid.GridJob
  defaultGroupId: streaming-platform-grid
  input: input
  otherInputs: []
  primaryOutput: aggregates
  written: [aggregates, alerts, dlq]
logs:
  entryClass: io.streamplatform.job.logs.LogsJob
  defaultGroupId: streaming-platform-logs
  input: input
  otherInputs: []
  primaryOutput: windows
  written: [alerts, dlq, windows]
recommendations:
  entryClass: io.streamplatform.job.recommendations.RecommendationsJob
  defaultGroupId: streaming-platform-recommendations
  input: watches
  otherInputs: [videos]
  primaryOutput: recommendations
  written: [dlq, recommendations]
{{- end -}}
