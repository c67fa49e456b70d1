{{/*
Names and labels. The Java generator (k8s module, io.streamplatform.k8s.render) builds the same names and labels;
the parity test in k8s/ compares both renderers' output.
*/}}

{{/* Namespace of every object. */}}
{{- define "sp.namespace" -}}
{{- .Values.namespace -}}
{{- end -}}

{{/* Selector labels of a component: (dict "root" $ "component" "producer"). */}}
{{- define "sp.selectorLabels" -}}
app.kubernetes.io/name: streaming-platform
app.kubernetes.io/instance: {{ .root.Values.name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* All labels of a component's objects. */}}
{{- define "sp.labels" -}}
{{ include "sp.selectorLabels" . }}
app.kubernetes.io/part-of: streaming-platform
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

{{/* Replication factor of internal and default topics: min(3, kafka.replicas). */}}
{{- define "sp.replicationFactor" -}}
{{- min 3 .Values.kafka.replicas -}}
{{- end -}}

{{/* Minimum in-sync replicas: replication factor - 1, at least 1. */}}
{{- define "sp.minInSyncReplicas" -}}
{{- max 1 (sub (include "sp.replicationFactor" . | int) 1) -}}
{{- end -}}

{{/* Checks values.schema.json cannot express. */}}
{{- define "sp.validate" -}}
{{- if (index .Values.kafka.listeners 0).tls -}}
{{- fail "kafka.listeners[0] must be a plain listener (tls: false): the apps and the job use it" -}}
{{- end -}}
{{- range $role, $topic := .Values.topics -}}
{{- if gt (int $topic.replicas) (int $.Values.kafka.replicas) -}}
{{- fail (printf "topics.%s.replicas (%v) must not exceed kafka.replicas (%v)" $role $topic.replicas $.Values.kafka.replicas) -}}
{{- end -}}
{{- end -}}
{{- end -}}
