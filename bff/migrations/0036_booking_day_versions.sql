-- A version per store-day, bumped in the transaction of every write to that day's bookings, so a process
-- may keep a day's bookings in memory for availability and re-read them only when the version moved
-- (whichever process wrote). Lapsed holds need no bump: they stop blocking by time, which readers check.
create table booking_day_versions (
  store_id text not null,
  local_day text not null,
  version bigint not null default 0,
  primary key (store_id, local_day)
);
