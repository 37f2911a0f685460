{{/* Names, labels and the environment shared by web, worker and Jobs. */}}

{{- define "dqmflow.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "dqmflow.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "dqmflow.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "dqmflow.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "dqmflow.secretName" -}}
{{- if .Values.secrets.create -}}{{ include "dqmflow.fullname" . }}{{- else -}}{{ .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{- define "dqmflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ .Values.serviceAccount.name | default (include "dqmflow.fullname" .) }}{{- else -}}{{ .Values.serviceAccount.name | default "default" }}{{- end -}}
{{- end -}}

{{/*
Environment of every dqmflow container: the ConfigMap's settings, DATABASE_URL and the
secrets of the chosen auth mode from the Secret, the pod's name as SERVER_NAME.
*/}}
{{- define "dqmflow.env" -}}
- name: SERVER_NAME
  valueFrom:
    fieldRef: { fieldPath: metadata.name }
{{- if eq .Values.database.mode "statefulset" }}
- name: PGPASSWORD_TIMESCALEDB
  valueFrom:
    secretKeyRef: { name: {{ include "dqmflow.secretName" . }}, key: postgres-password }
- name: DATABASE_URL
  value: {{ printf "postgres://%s:$(PGPASSWORD_TIMESCALEDB)@%s-timescaledb:5432/%s" .Values.timescaledb.user (include "dqmflow.fullname" .) .Values.timescaledb.database | quote }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ include "dqmflow.secretName" . }}, key: database-url }
{{- end }}
{{- if eq .Values.auth.mode "oidc" }}
- name: {{ .Values.auth.oidc.clientSecretEnv }}
  valueFrom:
    secretKeyRef: { name: {{ include "dqmflow.secretName" . }}, key: oidc-client-secret }
- name: {{ .Values.auth.oidc.sessionSecretEnv }}
  valueFrom:
    secretKeyRef: { name: {{ include "dqmflow.secretName" . }}, key: session-secret }
{{- end }}
{{- if .Values.temporal.apiKey.enabled }}
- name: TEMPORAL_API_KEY
  valueFrom:
    secretKeyRef: { name: {{ include "dqmflow.secretName" . }}, key: temporal-api-key }
{{- end }}
{{- end -}}

{{- define "dqmflow.envFrom" -}}
- configMapRef:
    name: {{ include "dqmflow.fullname" . }}
{{- end -}}

{{/* Volumes and mounts for Temporal's client certificate and the watched folders. */}}
{{- define "dqmflow.volumes" -}}
{{- if .Values.temporal.tls.enabled }}
- name: temporal-tls
  secret:
    secretName: {{ .Values.temporal.tls.secretName }}
{{- end }}
{{- if and .withIngest .Values.ingest.volume }}
- name: watched-folders
{{ toYaml .Values.ingest.volume | indent 2 }}
{{- end }}
{{- end -}}

{{- define "dqmflow.volumeMounts" -}}
{{- if .Values.temporal.tls.enabled }}
- name: temporal-tls
  mountPath: /etc/dqmflow/temporal-tls
  readOnly: true
{{- end }}
{{- if and .withIngest .Values.ingest.volume }}
- name: watched-folders
  mountPath: {{ .Values.ingest.mountPath }}
  readOnly: true
{{- end }}
{{- end -}}
