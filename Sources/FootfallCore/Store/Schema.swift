/// The database schema as named, ordered steps, each in both dialects side by side so the two
/// stores can never drift apart. A step, once released, is never edited: the schema grows by
/// appending steps. A database holding a step this list lacks was written by a newer Footfall and
/// is refused (``StoreError/newerDatabase(location:unknownMigrations:)``).
///
/// Ids are UUIDs as text; times are UTC (`DATETIME` text in SQLite, `timestamptz` in
/// PostgreSQL); descriptors are little-endian Float32 blobs (``DescriptorBlob``).
enum Schema {
    struct Step {
        let identifier: String
        let sqlite: String
        let postgres: String
    }

    static let steps: [Step] = [
        Step(identifier: "v1 sites, members, samples, footfall, access",
             sqlite: """
             CREATE TABLE site (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL,
                 enrolment TEXT NOT NULL, match_threshold REAL, created_at DATETIME NOT NULL);
             CREATE TABLE door (
                 id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id) ON DELETE CASCADE,
                 name TEXT NOT NULL, created_at DATETIME NOT NULL);
             CREATE TABLE member (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL, external_id TEXT UNIQUE,
                 status TEXT NOT NULL, expires_at DATETIME, role TEXT NOT NULL, consent_at DATETIME,
                 created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
             CREATE INDEX member_name ON member(name);
             CREATE TABLE face_sample (
                 id TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
                 descriptor BLOB NOT NULL, embedding TEXT NOT NULL,
                 face_width REAL NOT NULL, sharpness REAL NOT NULL, yaw REAL NOT NULL, confidence REAL NOT NULL,
                 source TEXT NOT NULL, photo BLOB, photo_expires_at DATETIME, created_at DATETIME NOT NULL);
             CREATE INDEX face_sample_member ON face_sample(member_id);
             CREATE TABLE unknown_visitor (
                 id TEXT PRIMARY KEY, descriptors BLOB NOT NULL, dimension INTEGER NOT NULL,
                 embedding TEXT NOT NULL, first_seen DATETIME NOT NULL, last_seen DATETIME NOT NULL,
                 visit_count INTEGER NOT NULL, member_id TEXT REFERENCES member(id) ON DELETE CASCADE);
             CREATE TABLE event (
                 id TEXT PRIMARY KEY, at DATETIME NOT NULL,
                 door_id TEXT NOT NULL REFERENCES door(id) ON DELETE CASCADE, kind TEXT NOT NULL,
                 member_id TEXT REFERENCES member(id) ON DELETE SET NULL,
                 unknown_visitor_id TEXT REFERENCES unknown_visitor(id) ON DELETE SET NULL,
                 score REAL, track_id TEXT);
             CREATE INDEX event_at ON event(at);
             CREATE TABLE visit (
                 id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id) ON DELETE CASCADE,
                 member_id TEXT REFERENCES member(id) ON DELETE SET NULL,
                 unknown_visitor_id TEXT REFERENCES unknown_visitor(id) ON DELETE SET NULL,
                 entered_at DATETIME NOT NULL, left_at DATETIME);
             CREATE INDEX visit_entered_at ON visit(entered_at);
             CREATE TABLE api_key (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, secret_hash TEXT NOT NULL UNIQUE,
                 created_at DATETIME NOT NULL, last_used_at DATETIME);
             CREATE TABLE app_user (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
                 created_at DATETIME NOT NULL);
             CREATE TABLE audit (
                 id TEXT PRIMARY KEY, at DATETIME NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                 subject TEXT NOT NULL);
             CREATE INDEX audit_at ON audit(at);
             CREATE TABLE gallery_generation (
                 id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
             INSERT INTO gallery_generation VALUES (1, 0);
             """,
             postgres: """
             CREATE TABLE site (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL,
                 enrolment TEXT NOT NULL, match_threshold REAL, created_at TIMESTAMPTZ NOT NULL);
             CREATE TABLE door (
                 id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id) ON DELETE CASCADE,
                 name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL);
             CREATE TABLE member (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL, external_id TEXT UNIQUE,
                 status TEXT NOT NULL, expires_at TIMESTAMPTZ, role TEXT NOT NULL, consent_at TIMESTAMPTZ,
                 created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
             CREATE INDEX member_name ON member(name);
             CREATE TABLE face_sample (
                 id TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES member(id) ON DELETE CASCADE,
                 descriptor BYTEA NOT NULL, embedding TEXT NOT NULL,
                 face_width REAL NOT NULL, sharpness REAL NOT NULL, yaw REAL NOT NULL, confidence REAL NOT NULL,
                 source TEXT NOT NULL, photo BYTEA, photo_expires_at TIMESTAMPTZ, created_at TIMESTAMPTZ NOT NULL);
             CREATE INDEX face_sample_member ON face_sample(member_id);
             CREATE TABLE unknown_visitor (
                 id TEXT PRIMARY KEY, descriptors BYTEA NOT NULL, dimension INTEGER NOT NULL,
                 embedding TEXT NOT NULL, first_seen TIMESTAMPTZ NOT NULL, last_seen TIMESTAMPTZ NOT NULL,
                 visit_count INTEGER NOT NULL, member_id TEXT REFERENCES member(id) ON DELETE CASCADE);
             CREATE TABLE event (
                 id TEXT PRIMARY KEY, at TIMESTAMPTZ NOT NULL,
                 door_id TEXT NOT NULL REFERENCES door(id) ON DELETE CASCADE, kind TEXT NOT NULL,
                 member_id TEXT REFERENCES member(id) ON DELETE SET NULL,
                 unknown_visitor_id TEXT REFERENCES unknown_visitor(id) ON DELETE SET NULL,
                 score REAL, track_id TEXT);
             CREATE INDEX event_at ON event(at);
             CREATE TABLE visit (
                 id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES site(id) ON DELETE CASCADE,
                 member_id TEXT REFERENCES member(id) ON DELETE SET NULL,
                 unknown_visitor_id TEXT REFERENCES unknown_visitor(id) ON DELETE SET NULL,
                 entered_at TIMESTAMPTZ NOT NULL, left_at TIMESTAMPTZ);
             CREATE INDEX visit_entered_at ON visit(entered_at);
             CREATE TABLE api_key (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, secret_hash TEXT NOT NULL UNIQUE,
                 created_at TIMESTAMPTZ NOT NULL, last_used_at TIMESTAMPTZ);
             CREATE TABLE app_user (
                 id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
                 created_at TIMESTAMPTZ NOT NULL);
             CREATE TABLE audit (
                 id TEXT PRIMARY KEY, at TIMESTAMPTZ NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                 subject TEXT NOT NULL);
             CREATE INDEX audit_at ON audit(at);
             CREATE TABLE gallery_generation (
                 id INTEGER PRIMARY KEY CHECK (id = 1), generation BIGINT NOT NULL);
             INSERT INTO gallery_generation VALUES (1, 0);
             """),
        Step(identifier: "v2 kiosk keys belong to a door",
             sqlite: "ALTER TABLE api_key ADD COLUMN door_id TEXT REFERENCES door(id) ON DELETE CASCADE;",
             postgres: "ALTER TABLE api_key ADD COLUMN door_id TEXT REFERENCES door(id) ON DELETE CASCADE;"),
    ]
}
