-- The time step of the last one-time code that signed each account in (or proved its enrolment): a code of that step
-- or an earlier one is refused, so a code seen over a shoulder or in a proxy log cannot be used again. Set by one
-- UPDATE ... WHERE totp_last_step < :step, so two sign-ins racing with the same code cannot both pass.
ALTER TABLE users ADD COLUMN totp_last_step bigint;
