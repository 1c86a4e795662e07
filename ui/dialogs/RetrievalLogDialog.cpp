#include "dialogs/RetrievalLogDialog.h"

#include "knowledge/KnowledgeEditService.h"
#include "storage/Store.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

RetrievalLogDialog::RetrievalLogDialog(KnowledgeEditService &knowledge, qint64 tenantId,
                                       QWidget *parent)
    : QDialog(parent)
    , m_knowledge(knowledge)
    , m_tenantId(tenantId)
{
    setWindowTitle(tr("Retrieval log"));
    resize(900, 560);
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableWidget(0, 7, splitter);
    m_table->setObjectName(QStringLiteral("retrievalLogTable"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("From"), tr("Question"), tr("Decision"),
                                        tr("Confidence"), tr("Answered by"), tr("Time")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_details = new QPlainTextEdit(splitter);
    m_details->setReadOnly(true);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::currentCellChanged, this,
            [this](int row) { showDetails(row); });
    reload();
}

void RetrievalLogDialog::reload()
{
    const qint64 tenantId = m_tenantId;
    m_knowledge.retrievalLog(tenantId, 500, this, [this](Result<QList<RetrievalLogEntry>> entries) {
        m_entries = entries ? entries.value() : QList<RetrievalLogEntry>{};
        m_table->setRowCount(int(m_entries.size()));
        for (int row = 0; row < m_entries.size(); ++row) {
            const RetrievalLogEntry &e = m_entries.at(row);
            const QStringList cells{
                QLocale().toString(e.at.toLocalTime(), QStringLiteral("d MMM HH:mm:ss")),
                e.source == QLatin1String("live") ? tr("customer") : tr("test"),
                e.question,
                e.escalated ? tr("handed to a person") : tr("answered"),
                QString::number(e.confidence, 'f', 2),
                e.answeredBy,
                tr("%1 ms").arg(e.latencyMs, 0, 'f', 1)};
            for (int col = 0; col < cells.size(); ++col) {
                auto *item = new QTableWidgetItem(cells.at(col));
                if (e.escalated)
                    item->setForeground(QColor(0xb0, 0x00, 0x20));
                m_table->setItem(row, col, item);
            }
        }
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
        if (!m_entries.isEmpty())
            m_table->selectRow(0);
        showDetails(m_table->currentRow());
        Q_EMIT loaded();
    });
}

void RetrievalLogDialog::showDetails(int row)
{
    if (row < 0 || row >= m_entries.size()) {
        m_details->clear();
        return;
    }
    const RetrievalLogEntry &e = m_entries.at(row);
    QString text = tr("Question: %1\nSearched as: %2\n%3\n").arg(e.question, e.query, e.reason);
    if (!e.answer.isEmpty())
        text += tr("Answer: %1\n").arg(e.answer);
    text += tr("\nPassages found:\n");
    int n = 0;
    for (const QJsonValue &v : QJsonDocument::fromJson(e.hits.toUtf8()).array()) {
        const QJsonObject h = v.toObject();
        text += QStringLiteral("%1. %2  (%3, %4)\n")
                    .arg(++n)
                    .arg(h.value(QLatin1String("heading")).toString())
                    .arg(h.value(QLatin1String("score")).toDouble(), 0, 'f', 4)
                    .arg(h.value(QLatin1String("signals"))
                             .toVariant()
                             .toStringList()
                             .join(QLatin1Char('+')));
    }
    if (n == 0)
        text += tr("none: this is a gap in the knowledge.\n");
    m_details->setPlainText(text);
}

} // namespace shopdesk
