-- The link in a reply notice that stops further notices for that comment (one click, like unsubscribing).
-- Only comments whose author asked for notices get a token; the trigger of V50 already skips the others.
ALTER TABLE comments ADD COLUMN reply_notice_token text;
UPDATE comments SET reply_notice_token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
WHERE notify_replies;
CREATE UNIQUE INDEX comments_reply_notice_token_key ON comments (reply_notice_token);

-- New comments that ask for notices get their token as they are stored, whichever code stores them.
CREATE FUNCTION give_reply_notice_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.notify_replies AND NEW.reply_notice_token IS NULL THEN
        NEW.reply_notice_token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_reply_notice_token BEFORE INSERT OR UPDATE OF notify_replies ON comments
    FOR EACH ROW EXECUTE FUNCTION give_reply_notice_token();
