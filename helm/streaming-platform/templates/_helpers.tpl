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

{{/*
The listener the apps and the jobs use, as YAML: the first TLS one (tls: true) with security on, else the first plain
one (sp.validate makes sure there is one).
*/}}
{{- define "sp.clientListener" -}}
{{- $found := dict -}}
{{- range .Values.kafka.listeners -}}
{{- if and (not $found.listener) (eq .tls $.Values.security.enabled) -}}
{{- $_ := set $found "listener" . -}}
{{- end -}}
{{- end -}}
{{- toYaml $found.listener -}}
{{- end -}}

{{/* Whether a listener is served (non-empty when it is): every one with security off; with it on, TLS ones and, with security.plainListener, plain ones. (dict "root" $ "listener" .) */}}
{{- define "sp.served" -}}
{{- if or (not .root.Values.security.enabled) .listener.tls .root.Values.security.plainListener -}}true{{- end -}}
{{- end -}}

{{/* In-cluster bootstrap address: the Kafka bootstrap service, port of the listener the apps and the jobs use. */}}
{{- define "sp.bootstrap" -}}
{{- printf "%s-kafka-bootstrap.%s.svc:%v" .Values.kafka.name (include "sp.namespace" .) (fromYaml (include "sp.clientListener" .)).port -}}
{{- end -}}

{{/* The KafkaUser (and its Secret) of the producer or the consumer: (dict "root" $ "app" "producer"). */}}
{{- define "sp.appUser" -}}
{{- printf "%s-%s" .root.Values.name .app -}}
{{- end -}}

{{/* The KafkaUser (and its Secret) of a job: its FlinkDeployment's name. (dict "root" $ "name" "events") */}}
{{- define "sp.jobUser" -}}
{{- include "sp.deploymentName" . -}}
{{- end -}}

{{/* The ConfigMap with the Kafka client settings file (files/kafka-client.properties). */}}
{{- define "sp.clientConfigName" -}}
{{- printf "%s-kafka-client" .Values.name -}}
{{- end -}}

{{/* Where the client settings file and the cluster CA certificate are mounted in every pod that talks to Kafka. */}}
{{- define "sp.clientConfigDir" -}}/etc/streaming-platform/kafka-client{{- end -}}
{{- define "sp.caDir" -}}/etc/streaming-platform/kafka-ca{{- end -}}

{{/*
The environment of a component's Kafka clients with security on: the settings file, and the JAAS line from its
KafkaUser's Secret (written by Strimzi's user operator). (dict "root" $ "user" "streaming-producer")
*/}}
{{- define "sp.kafkaClientEnv" -}}
- name: KAFKA_CLIENT_CONFIG
  value: {{ printf "%s/client.properties" (include "sp.clientConfigDir" .root) | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ .user | quote }}
      key: sasl.jaas.config
{{- end -}}

{{- define "sp.kafkaClientVolumeMounts" -}}
- name: kafka-client
  mountPath: {{ include "sp.clientConfigDir" . | quote }}
  readOnly: true
- name: kafka-ca
  mountPath: {{ include "sp.caDir" . | quote }}
  readOnly: true
{{- end -}}

{{/* The settings file from its ConfigMap; the cluster CA certificate alone from Strimzi's <kafka>-cluster-ca-cert Secret. */}}
{{- define "sp.kafkaClientVolumes" -}}
- name: kafka-client
  configMap:
    name: {{ include "sp.clientConfigName" . | quote }}
- name: kafka-ca
  secret:
    secretName: {{ printf "%s-cluster-ca-cert" .Values.kafka.name | quote }}
    items:
      - key: ca.crt
        path: ca.crt
{{- end -}}

{{/*
A pod's security context under the "restricted" Pod Security Standard: a non-root user (the image's own, which must
be numeric, unless "runAsUser" is given), the group owning its volumes if "fsGroup" is given, and the runtime's
default seccomp profile. (dict "runAsUser" 9999), (dict "fsGroup" 0) or (dict)
*/}}
{{- define "sp.restrictedPod" -}}
runAsNonRoot: true
{{- with .runAsUser }}
runAsUser: {{ . }}
{{- end }}
{{- if hasKey . "fsGroup" }}
fsGroup: {{ .fsGroup }}
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* A container's security context under the "restricted" standard: no privilege escalation, no capabilities. */}}
{{- define "sp.restrictedContainer" -}}
allowPrivilegeEscalation: false
capabilities:
  drop:
    - ALL
{{- end -}}

{{/*
The ACLs of KafkaAccess (common/.../KafkaAccess.java) as Strimzi's KafkaUser writes them, from a list of
(dict "type" "topic" "name" "events" "pattern" "literal" "operation" "Read"), duplicates dropped: a literal pattern and
any host are Strimzi's defaults and left out, as the Java renderer's Strimzi model leaves them out.
*/}}
{{- define "sp.acls" -}}
{{- range uniq . }}
- resource:
    type: {{ .type }}
    name: {{ .name | quote }}
    {{- if ne .pattern "literal" }}
    patternType: {{ .pattern }}
    {{- end }}
  operations:
    - {{ .operation }}
{{- end }}
{{- end -}}

{{/*
A job's ACLs (KafkaAccess.job): Read on the topics it reads and on its consumer group, Write on the topics it writes
and, exactly-once, on the transactional ids starting with its prefix; topics in the job's role order. (dict "root" $ "name" "events")
*/}}
{{- define "sp.jobAcls" -}}
{{- $job := index .root.Values.jobs .name -}}
{{- $entry := index (fromYaml (include "sp.catalogue" .root)) .name -}}
{{- $acls := list -}}
{{- range $entry.roles -}}
{{- if not (has . $entry.written) -}}
{{- $acls = append $acls (dict "type" "topic" "name" (index $job.topics .).name "pattern" "literal" "operation" "Read") -}}
{{- end -}}
{{- end -}}
{{- $group := index $job.options "group-id" | default $entry.defaultGroupId -}}
{{- $acls = append $acls (dict "type" "group" "name" (toString $group) "pattern" "literal" "operation" "Read") -}}
{{- range $entry.roles -}}
{{- if has . $entry.written -}}
{{- $acls = append $acls (dict "type" "topic" "name" (index $job.topics .).name "pattern" "literal" "operation" "Write") -}}
{{- end -}}
{{- end -}}
{{- if eq (index $job.options "delivery" | default $entry.defaultDelivery) "exactly-once" -}}
{{- $acls = append $acls (dict "type" "transactionalId" "name" (include "sp.transactionalIdPrefix" .) "pattern" "prefix" "operation" "Write") -}}
{{- end -}}
{{- include "sp.acls" $acls -}}
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
{{- if not (include "sp.clientListener" . | fromYaml) -}}
{{- if .Values.security.enabled -}}
{{- fail "kafka.listeners has no TLS listener (tls: true): with security.enabled the apps and the jobs use the first one" -}}
{{- else -}}
{{- fail "kafka.listeners has no plain listener (tls: false): with security.enabled false the apps and the jobs use the first one" -}}
{{- end -}}
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
