#!/usr/bin/env bash
# Mail benchmark: one post's notifications to N confirmed subscribers through the outbox sender, delivered to a
# local SMTP server (GreenMail, in the same JVM, which speaks plain SMTP: MailBenchmark says so, since the blog
# requires STARTTLS unless told otherwise), reported as mails per second.
#
#   bench/mail.sh                          10,000 subscribers, batches of 100, 2 SMTP connections, one sender
#   bench/mail.sh 10000 100 1 2            one connection in each of two senders (as two processes would run)
#
# The database is the tests' own choice (BLOG_TEST_DB_URL; else Testcontainers; else a throwaway database on
# localhost:5432; else embedded PostgreSQL), created for the run and dropped after it.
set -euo pipefail
cd "$(dirname "$0")/.."

subscribers=${1:-10000} batch=${2:-100} connections=${3:-2} senders=${4:-1}

cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor run: blog-core is built last, so the file ends up holding its test classpath.
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -pl blog-core -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
cp=$(cat "$cp_file")
java ${BENCH_JAVA_OPTS:--Xmx512m} -Dblog.test.blockhound=false -cp "blog-core/target/test-classes:blog-core/target/classes:$cp" \
  org.drugsandcrime.blog.bench.MailBenchmark "$subscribers" "$batch" "$connections" "$senders"
