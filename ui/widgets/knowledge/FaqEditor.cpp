#include "widgets/knowledge/FaqEditor.h"

#include "knowledge/KnowledgeEditService.h"

#include "storage/Store.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {
const QString kTitle = QStringLiteral("Frequently asked questions");
}

FaqEditor::FaqEditor(KnowledgeEditService &edits, QWidget *parent)
    : QWidget(parent)
    , m_edits(edits)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Questions customers ask, with the answer the bot may give. Each "
                                "pair is kept whole."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("faqTable"));
    m_table->setHorizontalHeaderLabels({tr("Question"), tr("Answer")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    layout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add question"), this);
    auto *remove = new QPushButton(tr("Remove selected"), this);
    auto *saveButton = new QPushButton(tr("Save FAQ"), this);
    saveButton->setObjectName(QStringLiteral("saveFaq"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(saveButton);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addPair({}, {});
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->currentItem());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            m_table->removeRow(row);
    });
    connect(saveButton, &QPushButton::clicked, this, &FaqEditor::save);
}

void FaqEditor::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    reload();
}

void FaqEditor::addPair(const QString &question, const QString &answer)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(question));
    m_table->setItem(row, 1, new QTableWidgetItem(answer));
}

void FaqEditor::reload()
{
    const qint64 tenantId = m_tenantId;
    m_edits.passagesOf(tenantId, kSourceName, this,
                       m_request.latest([this](Result<QList<KnowledgeChunk>> chunks) {
                           m_table->setRowCount(0);
                           if (!chunks) {
                               Q_EMIT message(chunks.error(), true);
                               return;
                           }
                           for (const KnowledgeChunk &c : std::as_const(chunks.value()))
                               addPair(c.text.section(QLatin1Char('\n'), 0, 0),
                                       c.text.section(QLatin1Char('\n'), 1).trimmed());
                           m_table->resizeRowsToContents();
                           Q_EMIT loaded();
                       }));
}

void FaqEditor::save()
{
    QList<KnowledgeChunk> chunks;
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString q =
            m_table->item(row, 0) ? m_table->item(row, 0)->text().simplified() : QString();
        const QString a =
            m_table->item(row, 1) ? m_table->item(row, 1)->text().trimmed() : QString();
        if (q.isEmpty() && a.isEmpty())
            continue;
        if (q.isEmpty() || a.isEmpty()) {
            problems << tr("row %1 has no %2")
                            .arg(row + 1)
                            .arg(q.isEmpty() ? tr("question") : tr("answer"));
            continue;
        }
        KnowledgeChunk c;
        c.ordinal = int(chunks.size());
        c.heading = kTitle + QStringLiteral(" > ") + q;
        c.text = q + QLatin1Char('\n') + a;
        chunks.append(c);
    }
    if (!problems.isEmpty()) {
        Q_EMIT message(tr("The FAQ was not saved: %1.").arg(problems.join(QStringLiteral("; "))),
                       true);
        return;
    }
    const qint64 tenantId = m_tenantId;
    m_edits.saveFaq(tenantId, m_actor, kSourceName, kTitle, chunks, this,
                    [this, n = chunks.size()](Status saved) {
                        if (!saved) {
                            Q_EMIT message(saved.error(), true);
                            return;
                        }
                        Q_EMIT message(tr("FAQ saved (%n question(s)).", nullptr, int(n)), false);
                        Q_EMIT this->saved();
                    });
}

} // namespace shopdesk
