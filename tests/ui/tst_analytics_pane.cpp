// The Analytics pane as a manager uses it, on the demo store (30 days of history): the figures
// the engine computed on its cards, the range picker, a drill-down from a chart into the chats
// behind it and on to the Inbox, "Add to FAQ" from an unanswered question, and the CSV export.
#include "AnalyticsReportModel.h"
#include "ConsoleFixture.h"
#include "analytics/AnalyticsService.h"
#include "charts/BarChartView.h"
#include "charts/PieChartView.h"
#include "dialogs/AnalyticsSettingsDialog.h"
#include "panes/AnalyticsPane.h"
#include "panes/InboxPane.h"
#include "panes/KnowledgePane.h"
#include "widgets/analytics/MetricCard.h"
#include "widgets/knowledge/FaqEditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace shopdesk;

class AnalyticsPaneTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;

    AnalyticsPane *pane() { return console.window().analyticsPane(); }
    // The same report straight from the engine's query service.
    Report expected(const ReportRange &range)
    {
        const qint64 tenant = console.tenantId();
        auto r = console.run(
            [tenant, range](Store &s) { return AnalyticsService::build(s, tenant, range); });
        if (!r)
            qFatal("%s", qPrintable(r.error()));
        return r.value();
    }
    bool waitForReport(const QDate &from)
    {
        return QTest::qWaitFor(
            [&] {
                return !pane()->progressBar()->isVisible() && pane()->range().from == from &&
                       pane()->card(0)->valueText() != QStringLiteral("—");
            },
            20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(console.start(QStringLiteral("shopdesk-analytics"), false, {1400, 900}));
        console.window().showPane(MainWindow::Analytics);
    }
    void cleanupTestCase() { console.stop(); }

    void rangePickerAndCards()
    {
        const QDate today = QDate::currentDate();
        // The range picker, as a click picks "Last 30 days".
        QComboBox *presets = pane()->presetBox();
        presets->setCurrentIndex(AnalyticsPane::Last30Days);
        Q_EMIT presets->activated(AnalyticsPane::Last30Days);
        QVERIFY(waitForReport(today.addDays(-29)));
        const Report r = expected(pane()->range());
        QVERIFY(r.customerMessages > 100); // the demo's history
        QCOMPARE(pane()->card(0)->valueText(), QString::number(r.customerMessages));
        QVERIFY(pane()->card(1)->detailText().startsWith(
            QStringLiteral("%1 of %2 chats").arg(r.resolution.botResolved).arg(r.chats)));
        QVERIFY(pane()->volumeChart()->categoryCount() == 30);
        console.screenshot(QStringLiteral("analytics-30-days"));

        presets->setCurrentIndex(AnalyticsPane::Last7Days);
        Q_EMIT presets->activated(AnalyticsPane::Last7Days);
        QVERIFY(waitForReport(today.addDays(-6)));
        QCOMPARE(pane()->volumeChart()->categoryCount(), 7);
        QCOMPARE(pane()->card(0)->valueText(),
                 QString::number(expected(pane()->range()).customerMessages));
    }

    void drillDownIntoTheInbox()
    {
        pane()->setPreset(AnalyticsPane::Last30Days);
        QVERIFY(waitForReport(QDate::currentDate().addDays(-29)));
        const Report r = expected(pane()->range());
        pane()->tabs()->setCurrentIndex(AnalyticsPane::Resolution);
        // A click on the "Handed to people" slice lists those chats.
        pane()->drillIntoResolution(1);
        const int handed = int(std::min<qsizetype>(500, r.resolution.handedChats.size()));
        QVERIFY(handed > 0);
        QTRY_COMPARE(pane()->drillList()->count(), handed);
        QVERIFY(pane()->drillTitle()->text().contains(QStringLiteral("Handed to people")));
        console.screenshot(QStringLiteral("analytics-drill-down"));
        // Opening one shows it in the Inbox.
        QListWidgetItem *first = pane()->drillList()->item(0);
        const qint64 chat = first->data(Qt::UserRole).toLongLong();
        pane()->drillList()->setCurrentItem(first);
        Q_EMIT pane()->drillList()->itemActivated(first);
        QCOMPARE(console.window().currentPane(), MainWindow::Inbox);
        QTRY_COMPARE(console.window().inboxPane()->openConversationId(), chat);
        console.screenshot(QStringLiteral("analytics-drill-inbox"));
        console.window().showPane(MainWindow::Analytics);
    }

    void aQuestionInPlainWords()
    {
        pane()->questionBox()->setText(QStringLiteral("top products last week"));
        QTest::keyClick(pane()->questionBox(), Qt::Key_Return);
        const QDate today = QDate::currentDate();
        const QDate lastSunday = today.addDays(-today.dayOfWeek());
        QTRY_VERIFY(pane()->answerText().startsWith(QStringLiteral("Top products")));
        QCOMPARE(pane()->range().from, lastSunday.addDays(-6));
        QCOMPARE(pane()->range().to, lastSunday);
        QTRY_COMPARE(pane()->tabs()->currentIndex(), int(AnalyticsPane::Orders)); // with its report
        const Report r = expected(pane()->range());
        QVERIFY(!r.topProducts.isEmpty());
        QVERIFY2(pane()->answerText().contains(r.topProducts.first().name),
                 qPrintable(pane()->answerText()));
        console.screenshot(QStringLiteral("analytics-question"));
        pane()->questionBox()->setText(QStringLiteral("mausam kaisa hai"));
        QTest::keyClick(pane()->questionBox(), Qt::Key_Return);
        QTRY_VERIFY(
            pane()->answerText().startsWith(QStringLiteral("I can answer questions about:")));
    }

    void reportSettings()
    {
        auto *button = pane()->findChild<QPushButton *>(QStringLiteral("analyticsSettings"));
        QVERIFY(button);
        button->click();
        AnalyticsSettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = pane()->findChild<AnalyticsSettingsDialog *>()) != nullptr);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QTRY_VERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
        QCOMPARE(dialog->zone()->currentText(), QStringLiteral("Asia/Kolkata")); // the demo's
        QCOMPARE(dialog->minutes()->value(), 2.0);
        // A zone nobody knows is refused in words, and nothing is saved.
        dialog->zone()->setEditText(QStringLiteral("Mars/Olympus"));
        dialog->save();
        bool refused = false;
        QTRY_VERIFY([&] {
            for (QLabel *l : dialog->findChildren<QLabel *>())
                refused = refused || l->text().contains(QStringLiteral("Mars/Olympus"));
            return refused;
        }());
        QVERIFY(dialog->isVisible());
        dialog->zone()->setCurrentIndex(dialog->zone()->findData(QStringLiteral("Europe/London")));
        dialog->minutes()->setValue(3);
        dialog->save();
        QTRY_VERIFY(pane()->card(6)->detailText().contains(QStringLiteral("× 3 min")));
        const Report r = expected(pane()->range());
        QCOMPARE(r.range.zone.id(), QByteArray("Europe/London"));
        QCOMPARE(r.minutesPerAnswer, 3.0);
    }

    void unansweredQuestionsExportAndFaq()
    {
        const Report r = expected(pane()->range());
        QVERIFY(!r.gaps.isEmpty());
        pane()->tabs()->setCurrentIndex(AnalyticsPane::Gaps);
        QTableView *gaps = pane()->gapsTable();
        QTRY_COMPARE(gaps->model()->rowCount(), int(r.gaps.size()));
        const QString csv = console.path(QStringLiteral("gaps.csv"));
        QVERIFY(pane()->exportCsv(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), int(r.gaps.size()) + 1);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("Question,Times asked")));
        QVERIFY(lines.at(1).contains(QStringLiteral(",%1,").arg(r.gaps.first().count)));
        QVERIFY(pane()->exportChartPng(console.path(QStringLiteral("chart.png"))));
        QVERIFY(QFile::exists(console.path(QStringLiteral("chart.png"))));
        // Add to FAQ opens the FAQ editor with the question filled in.
        gaps->setCurrentIndex(gaps->model()->index(0, 0));
        auto *add = pane()->findChild<QPushButton *>(QStringLiteral("addGapToFaq"));
        QVERIFY(add);
        add->click();
        QCOMPARE(console.window().currentPane(), MainWindow::Knowledge);
        QTableWidget *faq = console.window().knowledgePane()->faq()->table();
        const int row = faq->rowCount() - 1;
        QCOMPARE(faq->item(row, 0)->text(), r.gaps.first().question);
        QCOMPARE(faq->currentRow(), row);
        QCOMPARE(faq->currentColumn(), 1); // the answer, for the owner to write
    }
};

QTEST_MAIN(AnalyticsPaneTest)
#include "tst_analytics_pane.moc"
