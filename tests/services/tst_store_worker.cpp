// The worker owns the connection on its own thread; callers get plain values back on theirs.
#include "TestDatabases.h"
#include "storage/StoreWorker.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace shopdesk;

class StoreWorkerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jobsRunOnTheWorkerThreadAndAnswerOnTheCallers()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        QVERIFY(worker.isOpen());

        QThread *jobThread = nullptr;
        QThread *answerThread = nullptr;
        qint64 tenantId = 0;
        worker.run(
            this,
            [&](Store &store) {
                jobThread = QThread::currentThread();
                return store.tenants().addTenant(QStringLiteral("t1"), QStringLiteral("T1"));
            },
            [&](Result<Tenant> result) {
                answerThread = QThread::currentThread();
                tenantId = result ? result->id : -1;
            });
        QTRY_VERIFY(tenantId != 0);
        QVERIFY(tenantId > 0);
        QVERIFY(jobThread != nullptr);
        QVERIFY(jobThread != QThread::currentThread());
        QCOMPARE(jobThread->objectName(), QStringLiteral("shopdesk-db"));
        QCOMPARE(answerThread, QThread::currentThread());
    }

    // A webhook's recording does not wait behind bot work already queued: urgent jobs are
    // served before every normal one waiting, in order among themselves.
    void urgentJobsOvertakeTheQueue()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        QSemaphore release;
        QStringList order; // written on the worker thread only, read after the last answer
        worker.run(
            this,
            [&](Store &) {
                release.acquire(); // the thread is busy while the queue fills
                return Status(Done{});
            },
            [](Status) {});
        int answered = 0;
        const auto job = [&](const QString &name, StoreWorker::Priority p) {
            worker.run(
                this,
                [&order, name](Store &) {
                    order << name;
                    return Status(Done{});
                },
                [&answered](Status) { ++answered; }, p);
        };
        for (int i = 0; i < 5; ++i)
            job(QStringLiteral("bot%1").arg(i), StoreWorker::Priority::Normal);
        job(QStringLiteral("webhook1"), StoreWorker::Priority::Urgent);
        job(QStringLiteral("webhook2"), StoreWorker::Priority::Urgent);
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(answered, 7, 10000);
        QCOMPARE(order, (QStringList{QStringLiteral("webhook1"), QStringLiteral("webhook2"),
                                     QStringLiteral("bot0"), QStringLiteral("bot1"),
                                     QStringLiteral("bot2"), QStringLiteral("bot3"),
                                     QStringLiteral("bot4")}));
    }

    void storeSignalsReachSubscribersOnTheirThread()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        worker.start();
        QSignalSpy tenants(&worker, &StoreWorker::tenantsChanged);
        QSignalSpy appended(&worker, &StoreWorker::messagesAppended);
        worker.run(
            this,
            [](Store &store) -> Result<Message> {
                auto t = store.tenants().addTenant(QStringLiteral("t1"), QStringLiteral("T1"));
                auto contact = store.conversations().upsertContact(t->id, QStringLiteral("9190000"),
                                                                   QString());
                auto c = store.conversations().openConversation(t->id, contact->id);
                Message m;
                m.conversationId = c->id;
                m.body = QStringLiteral("hello");
                return store.conversations().appendMessage(t->id, m);
            },
            [](Result<Message>) {});
        QTRY_COMPARE(appended.size(), 1);
        QCOMPARE(tenants.size(), 1);
        QCOMPARE(appended[0][2].value<QList<Message>>().first().body, QStringLiteral("hello"));
    }

    void answersForAGoneReceiverAreDropped()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        worker.start();
        bool called = false;
        auto *receiver = new QObject;
        worker.run(
            receiver, [](Store &store) { return store.tenants().tenants(); },
            [&called](Result<QList<Tenant>>) { called = true; });
        delete receiver;
        // A later job on a live receiver proves the first one has finished too.
        bool later = false;
        worker.run(
            this, [](Store &store) { return store.tenants().tenants(); },
            [&later](Result<QList<Tenant>>) { later = true; });
        QTRY_VERIFY(later);
        QVERIFY(!called);
    }

    void aBrokenDatabaseIsReportedInWords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("not-a-database.sqlite3"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        StoreWorker worker(DatabaseUrl::sqliteFile(path));
        QSignalSpy failed(&worker, &StoreWorker::failed);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(!worker.isOpen());
        // Jobs get the same reason instead of hanging.
        QString error;
        worker.run(
            this, [](Store &store) { return store.tenants().tenants(); },
            [&error](Result<QList<Tenant>> r) { error = r ? QStringLiteral("ok") : r.error(); });
        QTRY_VERIFY(!error.isEmpty());
        QCOMPARE(error, message);
        // Nothing was lost: the file is untouched.
        QCOMPARE(QFileInfo(path).size(), 4096);
    }

    void afterCloseJobsAreAnsweredNotQueued()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        worker.close();
        QString error;
        worker.run(
            this, [](Store &store) { return store.tenants().tenants(); },
            [&error](Result<QList<Tenant>> r) { error = r ? QStringLiteral("ok") : r.error(); });
        QTRY_VERIFY(!error.isEmpty());
        QVERIFY(error.contains(QLatin1String("stopped")));
    }
};

QTEST_GUILESS_MAIN(StoreWorkerTest)
#include "tst_store_worker.moc"
