-- Secrets the BFF generates for itself (the token signing key), shared by every process on one database.
create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
