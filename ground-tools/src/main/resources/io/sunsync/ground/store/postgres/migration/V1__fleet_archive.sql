-- sunsync fleet archive, schema version 1 (Flyway). docs/operations.md, "The fleet archive on PostgreSQL".
-- Key text columns use the "C" collation: byte order, the same order SQLite gives, and faster indexes.

CREATE TABLE satellite (
  sat        text COLLATE "C" PRIMARY KEY,
  first_seen timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE satellite IS 'Satellites the archive has housekeeping of (the fleet snapshot starts here).';

-- Housekeeping frames (sunsync/{sat}/tm/hk), one partition per UTC day of mission time, made ahead of time by
-- "archive upkeep" and on demand by ingest; retention drops whole partitions.
CREATE TABLE hk (
  sat            text COLLATE "C" NOT NULL,
  t              timestamptz NOT NULL,
  stream         text COLLATE "C" NOT NULL,
  seq            bigint NOT NULL,
  dk             text COLLATE "C" NOT NULL,
  rx             timestamptz NOT NULL,
  stored         timestamptz NOT NULL DEFAULT clock_timestamp(),
  topic          text NOT NULL,
  frame_seq      bigint,
  mode           text,
  soc_pct        double precision,
  budget_w       double precision,
  boards_on      integer,
  boards_enabled integer,
  array_w        double precision,
  board_power_w  double precision,
  max_temp_c     double precision,
  sunlit         boolean,
  msg            jsonb NOT NULL,
  PRIMARY KEY (sat, t, stream, seq, dk)
) PARTITION BY RANGE (t);
COMMENT ON TABLE hk IS 'Housekeeping frames: key (sat, t, stream, seq, dk), points extracted for fleet views, the frame as JSONB.';
COMMENT ON COLUMN hk.t IS 'mission time of the frame (its t); the partition key';
COMMENT ON COLUMN hk.stream IS 'the outbox stream (MQTT 5 user property stream), or hk for frames without one';
COMMENT ON COLUMN hk.seq IS 'sequence number in the stream (user property seq), or the frame seq';
COMMENT ON COLUMN hk.dk IS 'discriminator where stream and seq are not unique (the mission time for frames without outbox properties)';
COMMENT ON COLUMN hk.rx IS 'when the ingest worker received it';
COMMENT ON COLUMN hk.stored IS 'when it was written (ingest lag = stored - t)';

-- Events (sunsync/{sat}/evt), partitioned like housekeeping.
CREATE TABLE evt (
  sat           text COLLATE "C" NOT NULL,
  t             timestamptz NOT NULL,
  stream        text COLLATE "C" NOT NULL,
  seq           bigint NOT NULL,
  dk            text COLLATE "C" NOT NULL,
  rx            timestamptz NOT NULL,
  topic         text NOT NULL,
  severity      text,
  severity_rank smallint,
  source        text,
  code          text,
  job_id        text,
  message       text,
  msg           jsonb NOT NULL,
  PRIMARY KEY (sat, t, stream, seq, dk)
) PARTITION BY RANGE (t);
CREATE INDEX evt_t ON evt (t);
CREATE INDEX evt_job ON evt (sat, job_id) WHERE job_id IS NOT NULL;
COMMENT ON TABLE evt IS 'On-board events; job_id from data.jobId (job history); severity_rank INFO 0 .. HIGH 3.';

-- Command verification reports (sunsync/{sat}/tc/ack/...): the command history.
CREATE TABLE tc_report (
  sat         text COLLATE "C" NOT NULL,
  t           timestamptz NOT NULL,
  stream      text COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  dk          text COLLATE "C" NOT NULL,
  rx          timestamptz NOT NULL,
  topic       text NOT NULL,
  cmd_seq     bigint,
  name        text,
  stage       text,
  reason      text,
  origin_kind text,
  origin_id   text,
  duplicate   boolean,
  msg         jsonb NOT NULL,
  UNIQUE (sat, stream, seq, dk)
);
CREATE INDEX tc_report_sat_t ON tc_report (sat, t);
CREATE INDEX tc_report_cmd ON tc_report (sat, cmd_seq);

-- Everything else: presence, dictionaries, result manifests, ...
CREATE TABLE message (
  sat    text COLLATE "C" NOT NULL,
  t      timestamptz NOT NULL,
  stream text COLLATE "C" NOT NULL,
  seq    bigint NOT NULL,
  dk     text COLLATE "C" NOT NULL,
  rx     timestamptz NOT NULL,
  topic  text NOT NULL,
  kind   text NOT NULL,
  msg    jsonb NOT NULL,
  UNIQUE (sat, stream, seq, dk)
);
CREATE INDEX message_sat_kind_t ON message (sat, kind, t);

-- Frames that failed the ICD check, kept as they arrived, with the reason.
CREATE TABLE quarantine (
  id      bigserial PRIMARY KEY,
  rx      timestamptz NOT NULL,
  topic   text NOT NULL,
  sat     text,
  kind    text,
  reason  text NOT NULL,
  detail  text NOT NULL,
  payload bytea NOT NULL,
  props   jsonb,
  dedupe  text NOT NULL UNIQUE
);
CREATE INDEX quarantine_rx ON quarantine (rx);
