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
    m_edits.faq(m_tenantId, this,
                m_request.latest([this](Result<QList<KnowledgeEditService::FaqPair>> pairs) {
                    m_table->setRowCount(0);
                    if (!pairs) {
                        Q_EMIT message(pairs.error(), true);
                        return;
                    }
                    for (const auto &[question, answer] : std::as_const(pairs.value()))
                        addPair(question, answer);
                    m_table->resizeRowsToContents();
                    Q_EMIT loaded();
                }));
}

void FaqEditor::save()
{
    QList<KnowledgeEditService::FaqPair> pairs;
    for (int row = 0; row < m_table->rowCount(); ++row)
        pairs.append({m_table->item(row, 0) ? m_table->item(row, 0)->text() : QString(),
                      m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString()});
    const qsizetype asked = std::count_if(pairs.cbegin(), pairs.cend(), [](const auto &p) {
        return !p.question.trimmed().isEmpty();
    });
    m_edits.saveFaqPairs(m_tenantId, m_actor, pairs, this, [this, asked](Status saved) {
        if (!saved) {
            Q_EMIT message(saved.error(), true);
            return;
        }
        Q_EMIT message(tr("FAQ saved (%n question(s)).", nullptr, int(asked)), false);
        Q_EMIT this->saved();
    });
}

} // namespace shopdesk
