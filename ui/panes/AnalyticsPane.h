#pragma once

#include "analytics/ReportQuestion.h"
#include "analytics/ReportRange.h"

#include <QDate>
#include <QWidget>

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;

namespace shopdesk {

class AnalyticsReportModel;
class BarChartView;
class HeatmapWidget;
class MetricCard;
class PieChartView;
class ReportTableModel;

// The managers' dashboards: a range (today, 7 days, 30 days, this month, custom) grouped by
// day, week or month; cards with the headline figures and their change against the period
// before; charts of conversations, how chats ended, handoffs, unanswered questions, mood and
// orders. Clicking a bar, a slice, a reason or a question lists the chats behind it, each a
// double-click away in the Inbox. The shown table exports as CSV, the shown chart as PNG.
class AnalyticsPane : public QWidget
{
    Q_OBJECT
public:
    enum Preset { Today, Last7Days, Last30Days, ThisMonth, Custom };
    enum Tab { Conversations, Resolution, Gaps, Mood, Orders };

    explicit AnalyticsPane(AnalyticsReportModel &model, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who changes its settings
    void setPreset(Preset preset);                             // and reloads
    void setCustomRange(const QDate &from, const QDate &to);   // and reloads
    void setGrouping(ReportRange::Grouping grouping);
    ReportRange range() const;
    void refresh();
    // A question in plain words: the range it names is shown, and the answer with its chart.
    void ask(const QString &question);
    QString answerText() const;
    QLineEdit *questionBox() const { return m_question; }

    bool exportCsv(const QString &path);      // the table of the shown tab
    bool exportChartPng(const QString &path); // the chart of the shown tab

    // Drill-downs, as a click does them.
    void drillIntoBucket(int index);
    void drillIntoResolution(int slice); // 0 bot, 1 people, 2 too early, 3 unanswered
    void drillIntoEscalation(int row);
    void drillIntoGap(int row);

    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *presetBox() const { return m_preset; }
    QListWidget *drillList() const { return m_drill; }
    QLabel *drillTitle() const { return m_drillTitle; }
    MetricCard *card(int i) const { return m_cards.value(i); }
    BarChartView *volumeChart() const { return m_volume; }
    PieChartView *resolutionChart() const { return m_resolution; }
    QProgressBar *progressBar() const { return m_progress; }
    QTableView *gapsTable() const { return m_gapsTable; }

Q_SIGNALS:
    void openChat(qint64 conversationId);
    void addToFaq(const QString &question);
    void message(const QString &text, bool isError);

private:
    QWidget *buildRangeBar();
    QWidget *buildCards();
    QWidget *buildQuestionBox();
    void buildTabs();
    QWidget *tableTab(QWidget *chart, ReportTableModel *model, QTableView **view);
    void showReport();
    void showCards();
    void showCharts();
    void showDrill(const QString &title, const QList<qint64> &chats);
    void askCsvPath();
    void askPngPath();
    void addSelectedGapToFaq();

    AnalyticsReportModel &m_model;
    qint64 m_actor = 0;
    QComboBox *m_preset = nullptr;
    QComboBox *m_grouping = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_question = nullptr;
    QLabel *m_answer = nullptr;
    QString m_pendingChart; // the chart of the last answer, shown with its report
    quint64 m_askGeneration = 0;
    QList<MetricCard *> m_cards;
    QTabWidget *m_tabs = nullptr;
    BarChartView *m_volume = nullptr;
    HeatmapWidget *m_heatmap = nullptr;
    PieChartView *m_resolution = nullptr;
    BarChartView *m_escalations = nullptr;
    BarChartView *m_mood = nullptr;
    BarChartView *m_revenue = nullptr;
    ReportTableModel *m_seriesModel = nullptr;
    ReportTableModel *m_escalationModel = nullptr;
    ReportTableModel *m_gapModel = nullptr;
    ReportTableModel *m_negativeModel = nullptr;
    ReportTableModel *m_productModel = nullptr;
    ReportTableModel *m_customerModel = nullptr;
    QTableView *m_gapsTable = nullptr;
    QLabel *m_drillTitle = nullptr;
    QListWidget *m_drill = nullptr;
    quint64 m_drillGeneration = 0;
};

} // namespace shopdesk
