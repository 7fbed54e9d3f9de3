<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>ModelPane</name>
    <message>
      <location filename="../model_pane.py" line="45" />
      <source>Place a note by clicking the model</source>
      <translation>点击模型放置注释</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="47" />
      <source>Use this view as the start camera</source>
      <translation>将当前视角设为起始视角</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="49" />
      <source>Remove note</source>
      <translation>删除注释</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="54" />
      <source>Title (Chinese)</source>
      <translation>标题（中文）</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="55" />
      <source>Title (English)</source>
      <translation>标题（英文）</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="56" />
      <source>Text (Chinese)</source>
      <translation>说明（中文）</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="57" />
      <source>Text (English)</source>
      <translation>说明（英文）</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="60" />
      <source>Notes</source>
      <translation>注释</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="153" />
      <source>Click on the model itself.</source>
      <translation>请点击模型本身。</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="160" />
      <source>Note</source>
      <translation>注释</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="165" />
      <source>Note %1 placed.</source>
      <translation>已放置注释 %1。</translation>
    </message>
    <message>
      <location filename="../model_pane.py" line="176" />
      <source>Start camera set.</source>
      <translation>已设置起始视角。</translation>
    </message>
  </context>
  <context>
    <name>UndoSteps</name>
    <message>
      <source>add annotation</source>
      <translation>添加注释</translation>
    </message>
    <message>
      <source>edit annotation</source>
      <translation>编辑注释</translation>
    </message>
    <message>
      <source>edit model scene</source>
      <translation>编辑三维场景</translation>
    </message>
    <message>
      <source>generate virtual hall</source>
      <translation>生成虚拟展厅</translation>
    </message>
    <message>
      <source>import model</source>
      <translation>导入三维模型</translation>
    </message>
    <message>
      <source>move work</source>
      <translation>移动展品</translation>
    </message>
    <message>
      <source>remove annotation</source>
      <translation>删除注释</translation>
    </message>
    <message>
      <source>remove virtual hall</source>
      <translation>删除虚拟展厅</translation>
    </message>
    <message>
      <source>set annotation tour</source>
      <translation>设置注释导览</translation>
    </message>
    <message>
      <source>set model units</source>
      <translation>设置模型单位</translation>
    </message>
    <message>
      <source>set start camera</source>
      <translation>设置起始视角</translation>
    </message>
  </context>
</TS>