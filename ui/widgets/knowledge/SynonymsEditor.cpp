#include "widgets/knowledge/SynonymsEditor.h"

#include "knowledge/KnowledgeEditService.h"

#include "knowledge/KnowledgeSettings.h"
#include "knowledge/QueryNormalizer.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace shopdesk {

SynonymsEditor::SynonymsEditor(KnowledgeEditService &edits, QWidget *parent)
    : QWidget(parent)
    , m_edits(edits)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Words your customers use for the same thing, one group per line, separated by = or "
           "a comma. For example:  doodh = dudh = milk   ·   kal = tomorrow"),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("synonymsText"));
    layout->addWidget(m_text, 1);
    auto *tryRow = new QHBoxLayout;
    m_try = new QLineEdit(this);
    m_try->setObjectName(QStringLiteral("synonymsTry"));
    m_try->setPlaceholderText(tr("Try a question, e.g. दूध kal milega?"));
    tryRow->addWidget(new QLabel(tr("Try:"), this));
    tryRow->addWidget(m_try, 1);
    layout->addLayout(tryRow);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("synonymsResult"));
    m_result->setStyleSheet(QStringLiteral("color:#555;"));
    m_result->setWordWrap(true);
    layout->addWidget(m_result);
    auto *saveButton = new QPushButton(tr("Save synonyms"), this);
    saveButton->setObjectName(QStringLiteral("saveSynonyms"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(saveButton);
    layout->addLayout(buttons);
    connect(saveButton, &QPushButton::clicked, this, &SynonymsEditor::save);
    connect(m_try, &QLineEdit::textChanged, this, &SynonymsEditor::updateTry);
    connect(m_text, &QPlainTextEdit::textChanged, this, &SynonymsEditor::updateTry);
}

void SynonymsEditor::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    m_edits.setup(tenantId, this, [this](Result<KnowledgeEditService::Setup> setup) {
        m_text->setPlainText(setup ? setup->synonyms : QString());
        Q_EMIT loaded();
    });
}

void SynonymsEditor::updateTry()
{
    if (m_try->text().trimmed().isEmpty()) {
        m_result->clear();
        return;
    }
    const QueryNormalizer normalizer(QueryNormalizer::parseSynonyms(m_text->toPlainText()));
    m_result->setText(tr("The bot searches for: %1").arg(normalizer.normalize(m_try->text())));
}

void SynonymsEditor::save()
{
    const qint64 tenantId = m_tenantId;
    const QString text = m_text->toPlainText().trimmed();
    m_edits.saveSettings(tenantId, m_actor, {{KnowledgeSettings::kSynonymsKey, text}}, this,
                         [this, text](Status saved) {
                             if (!saved) {
                                 Q_EMIT message(saved.error(), true);
                                 return;
                             }
                             Q_EMIT message(
                                 tr("Synonyms saved: %n group(s).", nullptr,
                                    int(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size())),
                                 false);
                             Q_EMIT this->saved();
                         });
}

} // namespace shopdesk
