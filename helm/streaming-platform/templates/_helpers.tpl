{{/*
Names, labels and checks. The Java generator (k8s module, io.streamplatform.k8s.render and .model) builds the same
names and labels and makes the same checks; the parity test in k8s/ compares both renderers' output.
*/}}

{{/* Namespace of every object: the release namespace (helm -n). */}}
{{- define "sp.namespace" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{/* Selector labels of a component: (dict "root" $ "component" "producer"). */}}
{{- define "sp.selectorLabels" -}}
app.kubernetes.io/name: streaming-platform
app.kubernetes.io/instance: {{ .root.Values.name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* All labels of a component's objects, with Helm's standard ones. */}}
{{- define "sp.labels" -}}
{{ include "sp.selectorLabels" . }}
app.kubernetes.io/part-of: streaming-platform
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/*
Labels of a monitoring object: a component's labels (and a job's, with "job"), plus the extra labels of the values
("extra"); the platform's own win where both name a label. (dict "root" $ "component" "flink" "job" "events" "extra" map).
*/}}
{{- define "sp.monitoringLabels" -}}
{{- $labels := fromYaml (include "sp.labels" (dict "root" .root "component" .component)) -}}
{{- with .job }}
{{- $_ := set $labels "streaming-platform/job" . -}}
{{- end }}
{{- toYaml (merge $labels .extra) -}}
{{- end -}}

{{/* Labels of Strimzi resources that belong to the Kafka cluster (node pool, topics). */}}
{{- define "sp.strimziLabels" -}}
{{ include "sp.labels" (dict "root" . "component" "kafka") }}
strimzi.io/cluster: {{ .Values.kafka.name }}
{{- end -}}

{{/* Service account (and Role/RoleBinding) of the Flink pods. */}}
{{- define "sp.flinkServiceAccount" -}}
{{- printf "%s-flink" .Values.name -}}
{{- end -}}

{{/* In-cluster bootstrap address: the Kafka bootstrap service, port of the first (plain) listener. */}}
{{- define "sp.bootstrap" -}}
{{- printf "%s-kafka-bootstrap.%s.svc:%v" .Values.kafka.name (include "sp.namespace" .) (index .Values.kafka.listeners 0).port -}}
{{- end -}}

{{/* Name of a job's FlinkDeployment, its own or <name>-<job>: (dict "root" $ "name" "events"). */}}
{{- define "sp.deploymentName" -}}
{{- $job := index .root.Values.jobs .name -}}
{{- default (printf "%s-%s" .root.Values.name .name) $job.deployment -}}
{{- end -}}

{{/*
Where Flink keeps checkpoints, savepoints or HA metadata, by flink.stateStorage.type: s3://<bucket>/<dir> or
file://<mountPath>/<dir> (the Java renderer's FlinkValues, with S3Storage's names). (dict "root" $ "dir" "checkpoints").
*/}}
{{- define "sp.stateDir" -}}
{{- $storage := .root.Values.flink.stateStorage -}}
{{- if eq $storage.type "s3" -}}
{{- printf "s3://%s/%s" $storage.s3.bucket .dir -}}
{{- else -}}
{{- printf "file://%s/%s" $storage.mountPath .dir -}}
{{- end -}}
{{- end -}}

{{/* A job's transactional-id prefix: its option, else its group id, else the job's default group id. */}}
{{- define "sp.transactionalIdPrefix" -}}
{{- $job := index .root.Values.jobs .name -}}
{{- $catalogue := fromYaml (include "sp.catalogue" .root) -}}
{{- index $job.options "transactional-id-prefix" | default (index $job.options "group-id") | default (index $catalogue .name).defaultGroupId -}}
{{- end -}}

{{/* A value as a job argument: whole numbers without a fraction (a values file's numbers arrive as floats). */}}
{{- define "sp.scalar" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) -}}{{ int64 . }}{{- else -}}{{ . }}{{- end -}}
{{- end -}}

{{/*
A job's program arguments, generated from its values as the Java renderer's JobArgs does: --bootstrap, one
--<role>-topic per topic, then each option set as --name value (--name=true|false for a boolean, one
--name key=value per entry of a mapping), topics and options in name order. (dict "root" $ "name" "events").
*/}}
{{- define "sp.jobArgs" -}}
{{- $job := index .root.Values.jobs .name -}}
- "--bootstrap"
- {{ include "sp.bootstrap" .root | quote }}
{{- range $role, $topic := $job.topics }}
- {{ printf "--%s-topic" $role | quote }}
- {{ $topic.name | quote }}
{{- end }}
{{- range $option, $value := $job.options }}
{{- if kindIs "map" $value }}
{{- range $key, $v := $value }}
- {{ printf "--%s" $option | quote }}
- {{ printf "%s=%s" $key (include "sp.scalar" $v) | quote }}
{{- end }}
{{- else if kindIs "bool" $value }}
- {{ printf "--%s=%t" $option $value | quote }}
{{- else if not (kindIs "invalid" $value) }}
- {{ printf "--%s" $option | quote }}
- {{ include "sp.scalar" $value | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Replication factor of internal and default topics: min(3, kafka.replicas). */}}
{{- define "sp.replicationFactor" -}}
{{- min 3 .Values.kafka.replicas -}}
{{- end -}}

{{/* Minimum in-sync replicas: replication factor - 1, at least 1. */}}
{{- define "sp.minInSyncReplicas" -}}
{{- max 1 (sub (include "sp.replicationFactor" . | int) 1) -}}
{{- end -}}

{{/* Checks values.schema.json cannot express (the Java renderer's ValuesChecks, same order, same messages). */}}
{{- define "sp.validate" -}}
{{- $catalogue := fromYaml (include "sp.catalogue" .) -}}
{{- if (index .Values.kafka.listeners 0).tls -}}
{{- fail "kafka.listeners[0] must be a plain listener (tls: false): the apps and the jobs use it" -}}
{{- end -}}
{{- range $name, $job := .Values.jobs -}}
{{- if $job.enabled -}}
{{- range $role, $topic := $job.topics -}}
{{- if gt (int $topic.replicas) (int $.Values.kafka.replicas) -}}
{{- fail (printf "jobs.%s.topics.%s.replicas (%v) must not exceed kafka.replicas (%v)" $name $role $topic.replicas $.Values.kafka.replicas) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $app := list "producer" "consumer" -}}
{{- $values := index $.Values $app -}}
{{- if $values.enabled -}}
{{- $job := index $.Values.jobs $values.job -}}
{{- if not (and $job $job.enabled) -}}
{{- fail (printf "%s.job '%s' is not an enabled job" $app $values.job) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $deployments := dict -}}
{{- $prefixes := dict -}}
{{- $writers := dict -}}
{{- $topics := dict -}}
{{- range $name, $job := .Values.jobs -}}
{{- if $job.enabled -}}
{{- $deployment := include "sp.deploymentName" (dict "root" $ "name" $name) -}}
{{- with index $deployments $deployment -}}
{{- fail (printf "jobs %s and %s have the same deployment name '%s'" . $name $deployment) -}}
{{- end -}}
{{- $_ := set $deployments $deployment $name -}}
{{- $prefix := include "sp.transactionalIdPrefix" (dict "root" $ "name" $name) -}}
{{- with index $prefixes $prefix -}}
{{- fail (printf "jobs %s and %s share the transactional-id prefix '%s'; each job needs its own" . $name $prefix) -}}
{{- end -}}
{{- $_ := set $prefixes $prefix $name -}}
{{- range $role, $topic := $job.topics -}}
{{- if has $role (index $catalogue $name).written -}}
{{- with index $writers $topic.name -}}
{{- fail (printf "jobs %s and %s both write topic '%s'" . $name $topic.name) -}}
{{- end -}}
{{- $_ := set $writers $topic.name $name -}}
{{- end -}}
{{- with index $topics $topic.name -}}
{{- if not (and (eq (int .topic.partitions) (int $topic.partitions)) (eq (int .topic.replicas) (int $topic.replicas)) (eq (toJson .topic.config) (toJson $topic.config))) -}}
{{- fail (printf "topic '%s' is declared by jobs %s and %s with different partitions, replicas or config" $topic.name .job $name) -}}
{{- end -}}
{{- else -}}
{{- $_ := set $topics $topic.name (dict "job" $name "topic" $topic) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
