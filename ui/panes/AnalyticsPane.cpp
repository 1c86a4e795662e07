#include "panes/AnalyticsPane.h"

#include "AnalyticsReportModel.h"
#include "ReportTableModel.h"
#include "analytics/AnalyticsService.h"
#include "analytics/ReportFormat.h"
#include "charts/BarChartView.h"
#include "charts/HeatmapWidget.h"
#include "charts/PieChartView.h"
#include "dialogs/AnalyticsSettingsDialog.h"
#include "widgets/analytics/MetricCard.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

const QColor kBot(0x1b, 0x7f, 0x5a);
const QColor kPeople(0x2f, 0x5d, 0xa8);
const QColor kWaiting(0xc9, 0x8a, 0x16);
const QColor kNone(0xb3, 0x26, 0x1e);
const QColor kNeutral(0x9e, 0x9e, 0x9e);

enum Card { Messages, BotResolved, BotResponse, PeopleResponse, Escalations, Revenue, TimeSaved };

} // namespace

AnalyticsPane::AnalyticsPane(AnalyticsReportModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildRangeBar());
    layout->addWidget(buildQuestionBox());
    layout->addWidget(buildCards());
    buildTabs();
    m_drillTitle =
        new QLabel(tr("Click a bar, a slice, a reason or a question to list its chats."), this);
    m_drillTitle->setWordWrap(true);
    m_drill = new QListWidget(this);
    m_drill->setObjectName(QStringLiteral("analyticsDrill"));
    auto *open = new QPushButton(tr("Open in Inbox"), this);
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_drillTitle);
    sideLayout->addWidget(m_drill, 1);
    sideLayout->addWidget(open);
    auto *split = new QSplitter(this);
    split->addWidget(m_tabs);
    split->addWidget(side);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({1000, 280});
    layout->addWidget(split, 1);

    const auto openCurrent = [this] {
        if (QListWidgetItem *item = m_drill->currentItem())
            Q_EMIT openChat(item->data(Qt::UserRole).toLongLong());
    };
    connect(m_drill, &QListWidget::itemActivated, this, openCurrent);
    connect(open, &QPushButton::clicked, this, openCurrent);
    connect(&m_model, &AnalyticsReportModel::reportChanged, this, &AnalyticsPane::showReport);
    connect(&m_model, &AnalyticsReportModel::loadingChanged, this, [this](bool loading) {
        m_progress->setVisible(loading);
        m_cancel->setVisible(loading);
        if (loading) {
            m_progress->setRange(0, 0);
            m_status->setText(tr("Working out the figures…"));
        }
    });
    connect(&m_model, &AnalyticsReportModel::progress, this,
            [this](int step, int steps, const QString &what) {
                m_progress->setRange(0, steps);
                m_progress->setValue(step);
                m_status->setText(what + QStringLiteral("…"));
            });
    connect(&m_model, &AnalyticsReportModel::loadFailed, this, [this](const QString &text) {
        m_status->setText(text);
        Q_EMIT message(text, true);
    });
    connect(&m_model, &AnalyticsReportModel::cancelled, this, [this] {
        m_status->setText(tr("Cancelled: the figures shown are the earlier ones."));
    });
}

QWidget *AnalyticsPane::buildRangeBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_preset = new QComboBox(bar);
    m_preset->setObjectName(QStringLiteral("analyticsRange"));
    m_preset->addItems(
        {tr("Today"), tr("Last 7 days"), tr("Last 30 days"), tr("This month"), tr("Custom…")});
    m_preset->setCurrentIndex(Last7Days);
    m_from = new QDateEdit(QDate::currentDate().addDays(-6), bar);
    m_to = new QDateEdit(QDate::currentDate(), bar);
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setEnabled(false);
    }
    m_grouping = new QComboBox(bar);
    m_grouping->addItems({tr("by day"), tr("by week"), tr("by month")});
    auto *reload = new QPushButton(tr("Refresh"), bar);
    m_progress = new QProgressBar(bar);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), bar);
    m_cancel->setVisible(false);
    m_status = new QLabel(bar);
    auto *csv = new QPushButton(tr("Export table (CSV)…"), bar);
    auto *png = new QPushButton(tr("Export chart (PNG)…"), bar);
    auto *settings = new QPushButton(tr("Settings…"), bar);
    settings->setObjectName(QStringLiteral("analyticsSettings"));
    row->addWidget(new QLabel(tr("Show"), bar));
    row->addWidget(m_preset);
    row->addWidget(m_from);
    row->addWidget(new QLabel(QStringLiteral("–"), bar));
    row->addWidget(m_to);
    row->addWidget(m_grouping);
    row->addWidget(reload);
    row->addWidget(m_progress);
    row->addWidget(m_cancel);
    row->addWidget(m_status, 1);
    row->addWidget(csv);
    row->addWidget(png);
    row->addWidget(settings);
    connect(m_preset, &QComboBox::activated, this, [this](int i) { setPreset(Preset(i)); });
    connect(m_grouping, &QComboBox::activated, this, [this] { refresh(); });
    connect(m_from, &QDateEdit::editingFinished, this, [this] { refresh(); });
    connect(m_to, &QDateEdit::editingFinished, this, [this] { refresh(); });
    connect(reload, &QPushButton::clicked, this, &AnalyticsPane::refresh);
    connect(m_cancel, &QPushButton::clicked, &m_model, &AnalyticsReportModel::cancel);
    connect(csv, &QPushButton::clicked, this, &AnalyticsPane::askCsvPath);
    connect(png, &QPushButton::clicked, this, &AnalyticsPane::askPngPath);
    connect(settings, &QPushButton::clicked, this, [this] {
        if (m_model.tenant() <= 0)
            return;
        auto *dialog =
            new AnalyticsSettingsDialog(m_model.service(), m_model.tenant(), m_actor, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &AnalyticsSettingsDialog::saved, this, &AnalyticsPane::refresh);
        dialog->open();
    });
    return bar;
}

QWidget *AnalyticsPane::buildQuestionBox()
{
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_question = new QLineEdit(box);
    m_question->setObjectName(QStringLiteral("analyticsQuestion"));
    m_question->setPlaceholderText(tr("Ask: \"aaj kitna sale hua?\", \"top products last week\", "
                                      "\"kitne chats bot ne solve kiye is mahine\""));
    m_question->setClearButtonEnabled(true);
    m_answer = new QLabel(box);
    m_answer->setWordWrap(true);
    m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_question, 2);
    row->addWidget(m_answer, 3);
    connect(m_question, &QLineEdit::returnPressed, this, [this] { ask(m_question->text()); });
    return box;
}

void AnalyticsPane::ask(const QString &question)
{
    if (question.trimmed().isEmpty())
        return;
    m_answer->setText(tr("Working it out…"));
    const quint64 asked = ++m_askGeneration;
    m_model.service().ask(
        m_model.tenant(), question, this, [this, asked](Result<AnalyticsService::Answer> answer) {
            if (asked != m_askGeneration)
                return;
            if (!answer) {
                m_pendingChart.clear();
                m_answer->setText(answer.error());
                return;
            }
            m_answer->setText(answer->text);
            m_answer->setToolTip(answer->byModel ? tr("Answered by the store's language model "
                                                      "from the figures below")
                                                 : answer->modelProblem);
            m_pendingChart = ReportQuestion::chartOf(answer->question.metric);
            m_preset->setCurrentIndex(Custom);
            m_from->setEnabled(true);
            m_to->setEnabled(true);
            m_from->setDate(answer->question.range.from);
            m_to->setDate(answer->question.range.to);
            refresh();
        });
}

QString AnalyticsPane::answerText() const
{
    return m_answer->text();
}

QWidget *AnalyticsPane::buildCards()
{
    auto *box = new QWidget(this);
    auto *grid = new QHBoxLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    for (const QString &title :
         {tr("Customer messages"), tr("Resolved by the bot"), tr("Bot's first reply"),
          tr("People's first reply"), tr("Escalations"), tr("Orders"), tr("Time saved")}) {
        auto *card = new MetricCard(title, box);
        m_cards << card;
        grid->addWidget(card);
    }
    return box;
}

QWidget *AnalyticsPane::tableTab(QWidget *chart, ReportTableModel *model, QTableView **view)
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    if (chart)
        layout->addWidget(chart, 2);
    auto *table = new QTableView(tab);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    layout->addWidget(table, 1);
    if (view)
        *view = table;
    return tab;
}

void AnalyticsPane::buildTabs()
{
    using T = ReportTableModel::Table;
    m_tabs = new QTabWidget(this);
    m_seriesModel = new ReportTableModel(T::Series, this);
    m_escalationModel = new ReportTableModel(T::Escalations, this);
    m_gapModel = new ReportTableModel(T::Gaps, this);
    m_negativeModel = new ReportTableModel(T::Negative, this);
    m_productModel = new ReportTableModel(T::Products, this);
    m_customerModel = new ReportTableModel(T::Customers, this);

    m_volume = new BarChartView(tr("Customer messages and chats"));
    m_heatmap = new HeatmapWidget;
    auto *volume = new QWidget(this);
    auto *vl = new QVBoxLayout(volume);
    vl->addWidget(m_volume, 3);
    vl->addWidget(m_heatmap, 2);
    m_tabs->addTab(volume, tr("Conversations"));

    m_resolution = new PieChartView(tr("How chats ended"));
    m_escalations =
        new BarChartView(tr("Why chats went to people"), BarChartView::Kind::Horizontal);
    auto *charts = new QWidget(this);
    auto *cl = new QHBoxLayout(charts);
    cl->addWidget(m_resolution);
    cl->addWidget(m_escalations);
    QTableView *escalations = nullptr;
    m_tabs->addTab(tableTab(charts, m_escalationModel, &escalations), tr("Bot and people"));

    auto *gaps = tableTab(nullptr, m_gapModel, &m_gapsTable);
    auto *faq = new QPushButton(tr("Add to FAQ…"), gaps);
    faq->setObjectName(QStringLiteral("addGapToFaq"));
    gaps->layout()->addWidget(faq);
    m_tabs->addTab(gaps, tr("Unanswered questions"));

    m_mood = new BarChartView(tr("Customers' mood"), BarChartView::Kind::Stacked);
    QTableView *negative = nullptr;
    m_tabs->addTab(tableTab(m_mood, m_negativeModel, &negative), tr("Mood"));

    m_revenue = new BarChartView(tr("Revenue"));
    auto *orders = tableTab(m_revenue, m_productModel, nullptr);
    auto *customers = new QTableView(orders);
    customers->setModel(m_customerModel);
    customers->horizontalHeader()->setStretchLastSection(true);
    customers->verticalHeader()->hide();
    orders->layout()->addWidget(customers);
    m_tabs->addTab(orders, tr("Orders"));

    connect(m_volume, &BarChartView::barClicked, this, [this](int, int i) { drillIntoBucket(i); });
    connect(m_mood, &BarChartView::barClicked, this, [this](int, int i) { drillIntoBucket(i); });
    connect(m_revenue, &BarChartView::barClicked, this, [this](int, int i) { drillIntoBucket(i); });
    connect(m_resolution, &PieChartView::sliceClicked, this, &AnalyticsPane::drillIntoResolution);
    connect(m_escalations, &BarChartView::barClicked, this,
            [this](int, int i) { drillIntoEscalation(i); });
    connect(escalations, &QTableView::clicked, this,
            [this](const QModelIndex &i) { drillIntoEscalation(i.row()); });
    connect(m_gapsTable, &QTableView::clicked, this,
            [this](const QModelIndex &i) { drillIntoGap(i.row()); });
    connect(negative, &QTableView::clicked, this, [this](const QModelIndex &i) {
        showDrill(tr("A chat with negative messages"),
                  i.data(ReportTableModel::ChatsRole).value<QList<qint64>>());
    });
    connect(faq, &QPushButton::clicked, this, &AnalyticsPane::addSelectedGapToFaq);
}

void AnalyticsPane::setTenant(qint64 tenantId)
{
    m_model.setTenant(tenantId);
    refresh();
}

void AnalyticsPane::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(preset);
    const QDate today = QDate::currentDate();
    const bool custom = preset == Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (!custom) {
        m_to->setDate(today);
        m_from->setDate(preset == Today        ? today
                        : preset == Last7Days  ? today.addDays(-6)
                        : preset == Last30Days ? today.addDays(-29)
                                               : QDate(today.year(), today.month(), 1));
    }
    refresh();
}

void AnalyticsPane::setCustomRange(const QDate &from, const QDate &to)
{
    m_preset->setCurrentIndex(Custom);
    m_from->setEnabled(true);
    m_to->setEnabled(true);
    m_from->setDate(from);
    m_to->setDate(to);
    refresh();
}

void AnalyticsPane::setGrouping(ReportRange::Grouping grouping)
{
    m_grouping->setCurrentIndex(int(grouping));
    refresh();
}

ReportRange AnalyticsPane::range() const
{
    ReportRange r;
    r.from = m_from->date();
    r.to = m_to->date();
    r.grouping = ReportRange::Grouping(m_grouping->currentIndex());
    return r;
}

void AnalyticsPane::refresh()
{
    const ReportRange r = range();
    if (!r.isValid()) {
        m_status->setText(tr("The first day is after the last one."));
        return;
    }
    m_model.load(r);
}

void AnalyticsPane::showReport()
{
    const Report &r = m_model.report();
    for (ReportTableModel *m : {m_seriesModel, m_escalationModel, m_gapModel, m_negativeModel,
                                m_productModel, m_customerModel})
        m->setReport(r);
    if (!m_model.hasReport()) {
        m_status->clear();
        return;
    }
    m_status->setText(tr("%1 · %2").arg(r.range.describe(), QString::fromUtf8(r.range.zone.id())));
    ++m_drillGeneration; // a list of the earlier range's chats would mislead
    m_drill->clear();
    m_drillTitle->setText(tr("Click a bar, a slice, a reason or a question to list its chats."));
    showCards();
    showCharts();
    if (!m_pendingChart.isEmpty()) {
        static const QStringList charts{QStringLiteral("conversations"),
                                        QStringLiteral("resolution"), QStringLiteral("gaps"),
                                        QStringLiteral("mood"), QStringLiteral("orders")};
        m_tabs->setCurrentIndex(int(std::max<qsizetype>(0, charts.indexOf(m_pendingChart))));
        m_pendingChart.clear();
    }
}

void AnalyticsPane::showCards()
{
    const Report &r = m_model.report();
    const ReportHeadline now = r.headline();
    const ReportHeadline before = r.previous.value_or(ReportHeadline{});
    const auto change = [](double a, double b) {
        return ReportFormat::change(a, b);
    };
    const auto rateOf = [](int part, int whole) {
        return whole > 0 ? double(part) / whole : 0.0;
    };
    const auto &res = r.resolution;
    m_cards[Messages]->setValue(QString::number(r.customerMessages),
                                tr("in %n chat(s)", nullptr, r.chats),
                                change(now.customerMessages, before.customerMessages), true,
                                now.customerMessages >= before.customerMessages);
    const double rate = rateOf(res.botResolved, r.chats);
    const double rateBefore = rateOf(before.botResolved, before.chats);
    m_cards[BotResolved]->setValue(
        r.chats > 0 ? QStringLiteral("%1%").arg(100.0 * rate, 0, 'f', 0) : QStringLiteral("—"),
        tr("%1 of %2 chats; %3 to people, %4 too early to tell, %5 unanswered")
            .arg(res.botResolved)
            .arg(r.chats)
            .arg(res.handedToPeople)
            .arg(res.pending)
            .arg(res.unanswered),
        change(rate, rateBefore), true, rate >= rateBefore);
    const auto response = [&](MetricCard *card, const DurationStats &s, qint64 before) {
        card->setValue(s.count > 0 ? ReportFormat::duration(s.medianMs) : QStringLiteral("—"),
                       s.count > 0
                           ? tr("median; 90% within %1").arg(ReportFormat::duration(s.p90Ms))
                           : tr("nothing to measure"),
                       s.count > 0 && before > 0 ? change(s.medianMs, before) : QString(), false,
                       s.medianMs >= before);
    };
    response(m_cards[BotResponse], r.botFirstResponse, before.botMedianMs);
    response(m_cards[PeopleResponse], r.peopleFirstResponse, before.peopleMedianMs);
    m_cards[Escalations]->setValue(QString::number(r.escalationCount),
                                   tr("%1 unanswered by a person").arg(r.handoffsUnanswered),
                                   change(now.escalations, before.escalations), false,
                                   now.escalations >= before.escalations);
    m_cards[Revenue]->setValue(ReportFormat::money(r.orders.revenueMinor),
                               tr("%1 orders; %2 by the bot, %3 by people")
                                   .arg(r.orders.count)
                                   .arg(r.orders.byBot)
                                   .arg(r.orders.byPeople),
                               change(now.revenueMinor, before.revenueMinor), true,
                               now.revenueMinor >= before.revenueMinor);
    m_cards[TimeSaved]->setValue(
        ReportFormat::duration(qint64(r.timeSavedMinutes() * 60000)),
        tr("%1 bot answers × %2 min").arg(r.botAnswers).arg(r.minutesPerAnswer),
        change(now.timeSavedMinutes, before.timeSavedMinutes), true,
        now.timeSavedMinutes >= before.timeSavedMinutes);
}

void AnalyticsPane::showCharts()
{
    const Report &r = m_model.report();
    QStringList days;
    QList<double> messages, chats, revenue, positive, neutral, negative;
    const QLocale locale;
    for (const Report::Bucket &b : r.buckets) {
        days << locale.toString(b.start, QStringLiteral("d MMM"));
        messages << b.customerMessages;
        chats << b.chats;
        revenue << double(b.revenueMinor) / 100.0;
        positive << b.positive;
        neutral << b.neutral;
        negative << b.negative;
    }
    m_volume->setData(days, {tr("Customer messages")}, {messages}, {kPeople});
    m_volume->addLine(tr("Chats"), chats, kBot);
    m_heatmap->setGrid(r.heatmap);
    const auto &res = r.resolution;
    m_resolution->setData({tr("Resolved by the bot"), tr("Handed to people"),
                           tr("Too early to tell"), tr("Not answered")},
                          {res.botResolved, res.handedToPeople, res.pending, res.unanswered},
                          {kBot, kPeople, kWaiting, kNone});
    QStringList reasons;
    QList<double> counts;
    for (const Report::Escalation &e : r.escalations) {
        reasons << e.label;
        counts << e.count;
    }
    m_escalations->setData(reasons, {tr("Chats")}, {counts}, {kPeople});
    m_mood->setData(days, {tr("Positive"), tr("Neutral"), tr("Negative")},
                    {positive, neutral, negative}, {kBot, kNeutral, kNone});
    m_mood->chart()->setTitle(r.sentiment.available
                                  ? tr("Customers' mood (%1)").arg(r.sentiment.source)
                                  : tr("Customers' mood: the lexicon is not installed"));
    m_revenue->setData(days, {tr("Revenue (₹)")}, {revenue}, {kBot});
}

void AnalyticsPane::showDrill(const QString &title, const QList<qint64> &chats)
{
    m_drillTitle->setText(tr("%1: %n chat(s)", nullptr, int(chats.size())).arg(title));
    m_drill->clear();
    const quint64 generation = ++m_drillGeneration;
    const QList<qint64> shown = chats.mid(0, 500);
    m_model.service().chatNames(
        m_model.tenant(), shown, this,
        [this, generation](Result<QList<AnalyticsService::ChatBrief>> names) {
            if (generation != m_drillGeneration)
                return;
            if (!names) {
                Q_EMIT message(tr("The chats could not be listed: %1").arg(names.error()), true);
                return;
            }
            const QLocale locale;
            for (const auto &n : names.value()) {
                auto *item = new QListWidgetItem(
                    tr("%1\nlast message %2")
                        .arg(n.contact.isEmpty() ? n.phone : n.contact,
                             locale.toString(n.lastMessageAt.toLocalTime(), QLocale::ShortFormat)),
                    m_drill);
                item->setToolTip(n.phone);
                item->setData(Qt::UserRole, n.conversationId);
            }
        });
}

void AnalyticsPane::drillIntoBucket(int index)
{
    const Report &r = m_model.report();
    if (index < 0 || index >= r.buckets.size())
        return;
    const QDate first = r.buckets.at(index).start;
    const QDate last =
        index + 1 < r.buckets.size() ? r.buckets.at(index + 1).start.addDays(-1) : r.range.to;
    const quint64 generation = ++m_drillGeneration;
    m_model.service().chatsBetween(
        m_model.tenant(), r.range, first, last, this,
        [this, generation, first, last](Result<QList<qint64>> chats) {
            if (generation != m_drillGeneration)
                return;
            if (!chats) {
                Q_EMIT message(tr("The chats could not be listed: %1").arg(chats.error()), true);
                return;
            }
            const QLocale locale;
            showDrill(first == last ? tr("Customers who wrote on %1")
                                          .arg(locale.toString(first, QLocale::ShortFormat))
                                    : tr("Customers who wrote %1 – %2")
                                          .arg(locale.toString(first, QLocale::ShortFormat),
                                               locale.toString(last, QLocale::ShortFormat)),
                      chats.value());
        });
}

void AnalyticsPane::drillIntoResolution(int slice)
{
    const auto &res = m_model.report().resolution;
    const QList<QList<qint64>> lists{res.botResolvedChats, res.handedChats, res.pendingChats,
                                     res.unansweredChats};
    const QStringList titles{tr("Resolved by the bot"), tr("Handed to people"),
                             tr("Too early to tell"), tr("Not answered")};
    if (slice >= 0 && slice < lists.size())
        showDrill(titles.at(slice), lists.at(slice));
}

void AnalyticsPane::drillIntoEscalation(int row)
{
    const auto &list = m_model.report().escalations;
    if (row >= 0 && row < list.size())
        showDrill(list.at(row).label, list.at(row).chats);
}

void AnalyticsPane::drillIntoGap(int row)
{
    const auto &list = m_model.report().gaps;
    if (row >= 0 && row < list.size())
        showDrill(tr("Asked “%1”").arg(list.at(row).question), list.at(row).chats);
}

void AnalyticsPane::addSelectedGapToFaq()
{
    const QModelIndex current = m_gapsTable->currentIndex();
    const auto &gaps = m_model.report().gaps;
    if (!current.isValid() || current.row() >= gaps.size()) {
        Q_EMIT message(tr("Choose a question first."), false);
        return;
    }
    Q_EMIT addToFaq(gaps.at(current.row()).question);
}

bool AnalyticsPane::exportCsv(const QString &path)
{
    ReportTableModel *models[] = {m_seriesModel, m_escalationModel, m_gapModel, m_negativeModel,
                                  m_productModel};
    const int tab = std::clamp(m_tabs->currentIndex(), 0, 4);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(models[tab]->toCsv().toUtf8()) < 0) {
        Q_EMIT message(tr("The table could not be saved to %1: %2").arg(path, file.errorString()),
                       true);
        return false;
    }
    Q_EMIT message(tr("Saved the table to %1.").arg(path), false);
    return true;
}

bool AnalyticsPane::exportChartPng(const QString &path)
{
    QWidget *charts[] = {m_volume, m_resolution, m_gapsTable, m_mood, m_revenue};
    QWidget *chart = charts[std::clamp(m_tabs->currentIndex(), 0, 4)];
    if (!chart->grab().save(path, "PNG")) {
        Q_EMIT message(tr("The chart could not be saved to %1.").arg(path), true);
        return false;
    }
    Q_EMIT message(tr("Saved the chart to %1.").arg(path), false);
    return true;
}

void AnalyticsPane::askCsvPath()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export table"), QStringLiteral("shopdesk-report.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void AnalyticsPane::askPngPath()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QStringLiteral("shopdesk-chart.png"), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        exportChartPng(path);
}

} // namespace shopdesk
